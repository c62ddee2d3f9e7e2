import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { create as createTar } from 'tar';
import { type DocumentFormat, EmptyPeriod, exportExtraction, exportPeriod } from '../archive/noark5/index.ts';
import { ExportInvalid, NotFound } from '../errors.ts';
import { archivistsOnly } from './archive-access.ts';
import { invalidRequest, tenantOfRequest } from './notice-context.ts';
import { problemResponses } from './notice-schemas.ts';

export interface ArchiveExportRouteOptions {
  /** HERALD_NOARK_FORMAT. @defaultValue 'pdf' */
  format?: DocumentFormat;
}

const exportQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: { type: 'string', pattern: '^[12][0-9]{3}$', description: 'a closed calendar year' },
    from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'or a closed period within one year: first day' },
    to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'last day, included' },
  },
} as const;

/**
 * GET /v1/archive/export?year= (or from/to within one year): the Noark 5 v5.0 extraction of a closed
 * period as a tar, built in a temporary folder, validated against the official XSDs, and only then
 * streamed; an extraction that does not validate is refused (500 with xmllint's findings).
 */
export default async function archiveExportRoutes(app: FastifyInstance, opts: ArchiveExportRouteOptions): Promise<void> {
  app.get<{ Querystring: { year?: string; from?: string; to?: string } }>(
    '/archive/export',
    { preHandler: archivistsOnly, schema: { tags: ['archive'], summary: 'Noark 5 extraction (tar) of a closed period, validated against the official XSDs', querystring: exportQuery, response: problemResponses } },
    async (request, reply) => {
      const entry = tenantOfRequest(app, request);
      const { tenant } = entry;
      const result = exportPeriod(request.query, tenant.timeZone, app.clock());
      if (!result.ok) throw invalidRequest(result.path, result.message);
      const dir = await mkdtemp(join(tmpdir(), 'herald-export-'));
      const cleanup = (): void => {
        void rm(dir, { recursive: true, force: true });
      };
      try {
        const summary = await exportExtraction({
          pool: app.pg,
          tenantId: request.principal.tenantId,
          tenant,
          period: result.period,
          dir,
          format: opts.format ?? 'pdf',
          exportedBy: request.principal.userName,
          screenedOf: (type) => entry.rules.get(type)?.screened ?? [],
          now: app.clock(),
        });
        if (summary.problems.length > 0) {
          throw Object.assign(new ExportInvalid(summary.problems.length), {
            errors: summary.problems.map((p) => ({ rule: 'noark5.xsd', path: p.file, message: p.message })),
          });
        }
        request.log.info({ event: 'archive.exported', period: result.period.label, ...summary, problems: 0 }, 'Noark 5 extraction handed out');
      } catch (error) {
        cleanup();
        if (error instanceof EmptyPeriod) throw new NotFound(`Any archived publication in ${result.period.label}`);
        throw error;
      }
      const entries = (await readdir(dir)).sort();
      const tar = createTar({ cwd: dir, portable: true, noMtime: false }, entries);
      reply.raw.on('close', cleanup);
      return reply
        .type('application/x-tar')
        .header('content-disposition', `attachment; filename="${tenant.slug}-noark5-${result.period.label}.tar"`)
        .send(tar);
    },
  );
}
