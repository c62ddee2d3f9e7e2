import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { type ProofCheck, proofRecords, type ProofSeal, renderProof, sealCovering } from '../archive/proof/index.ts';
import type { SealKey } from '../archive/seals/index.ts';
import { NotFound, RoleForbidden } from '../errors.ts';
import { findNotice } from '../store/notices.ts';
import { tenantOfRequest } from './notice-context.ts';
import { noticeParams, problemResponses } from './notice-schemas.ts';

export interface NoticeProofRouteOptions {
  sealKey: SealKey;
}

/**
 * GET /v1/notices/:id/proof: the proof of publication (PDF/A-2b). Archivists and administrators,
 * and the role that submitted the notice; another municipality's notice is a 404.
 */
export default async function noticeProofRoutes(app: FastifyInstance, opts: NoticeProofRouteOptions): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/notices/:id/proof',
    { schema: { tags: ['notices'], summary: 'Proof of publication (PDF/A): what went out where and when, hashes, seals, rules passed', params: noticeParams, response: problemResponses } },
    async (request, reply) => {
      const entry = tenantOfRequest(app, request);
      const { tenantId, role, userName } = request.principal;
      const row = await findNotice(app.pg, tenantId, request.params.id);
      if (!row) throw new NotFound(`Notice ${request.params.id}`);
      if (role !== 'archivist' && role !== 'admin' && role !== row.submittedBy.role) throw new RoleForbidden(role, 'have a proof of publication of this notice');
      const rules = entry.rules.get(row.type);
      const now = DateTime.fromJSDate(app.clock(), { zone: entry.tenant.timeZone });
      // Which checks applied is read from the notice itself (their `when`); the ones that warned are stored with it.
      const context = { notice: row.content, tenant: entry.tenant, now, plan: [], publication: now };
      const checks: ProofCheck[] = (rules?.compiled.checks ?? [])
        .filter((c) => c.applies(context))
        .map((c) => ({ definition: c.definition, warning: row.warnings.find((w) => w.rule === c.definition.id) }));
      const records = await proofRecords(app.pg, tenantId, row.id);
      const seals = new Map<number, ProofSeal | null>();
      for (const r of records) if (r.seq !== null) seals.set(r.seq, await sealCovering(app.pg, tenantId, r.seq));
      const pdf = await renderProof({
        tenant: entry.tenant,
        noticeId: row.id,
        typeTitle: rules?.title.nb ?? row.type,
        content: row.content,
        version: row.version,
        status: row.status,
        submittedBy: { name: row.submittedBy.name, role: row.submittedBy.role },
        createdAt: row.createdAt,
        ruleVersion: row.ruleVersion,
        ruleFileUnchanged: rules?.version === row.ruleVersion,
        checks,
        records,
        seals,
        sealKeyId: opts.sealKey.keyId,
        generatedAt: app.clock(),
        generatedBy: userName,
      });
      request.log.info({ event: 'notice.proof', noticeId: row.id, records: records.length }, 'proof of publication issued');
      return reply.type('application/pdf').header('content-disposition', `inline; filename="kunngjoring-${row.id}-bekreftelse.pdf"`).send(pdf);
    },
  );
}
