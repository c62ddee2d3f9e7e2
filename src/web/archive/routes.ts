import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findRecord, searchRecords } from '../../archive/search.ts';
import { verifyArchive, type ArchiveVerdict } from '../../archive/verify-archive.ts';
import { NotFound } from '../../errors.ts';
import { CHANNELS, NOTICE_TYPES } from '../../notices/types.ts';
import { queryPeriod } from '../../routes/archive-access.ts';
import { invalidRequest } from '../../routes/notice-context.ts';
import { webContext } from '../context.ts';
import type { WebOptions } from '../options.ts';
import { webRole } from '../require-role.ts';
import { archivePage, EVENTS, recordPage, type SearchForm } from './page.ts';
import { sendPage } from '../send-page.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMIT = 100;
const SEARCH_KEYS = ['q', 'notice', 'type', 'channel', 'event', 'from', 'to'] as const;

/** The filled-in fields of the search form (empty ones are no filter). */
function formOf(query: Record<string, unknown>): SearchForm {
  const form: SearchForm = {};
  for (const key of SEARCH_KEYS) {
    const value = query[key];
    if (typeof value === 'string' && value.trim() !== '') form[key] = value.trim().slice(0, 200);
  }
  return form;
}

function oneOf(value: string | undefined, allowed: readonly string[], name: string): string | undefined {
  if (value !== undefined && !allowed.includes(value)) throw invalidRequest(`/querystring/${name}`, `must be one of ${allowed.join(', ')}`);
  return value;
}

/**
 * The archive for archivists and administrators, on the same functions as /v1/archive/*: search,
 * one record (its exact bytes from the API's /content route, same headers), verification, and the
 * links to the Noark 5 export and the proof of publication (the API's routes take the session).
 */
export default async function archiveRoutes(app: FastifyInstance, opts: WebOptions): Promise<void> {
  const guard = { preHandler: webRole(['archivist', 'admin'], 'use the archive') };
  const zoneOf = (request: FastifyRequest) => app.directory.get(request.principal.tenantSlug)?.tenant.timeZone ?? 'Europe/Oslo';

  const show = async (request: FastifyRequest, reply: FastifyReply, verdict: ArchiveVerdict | null) => {
    const ctx = webContext(request, reply);
    const zone = zoneOf(request);
    const form = formOf(request.query as Record<string, unknown>);
    let rows = null;
    if (Object.keys(form).length > 0 && !verdict) {
      if (form.notice !== undefined && !UUID.test(form.notice)) throw invalidRequest('/querystring/notice', 'must be a notice id (UUID)');
      const type = oneOf(form.type, NOTICE_TYPES, 'type');
      const channel = oneOf(form.channel, CHANNELS, 'channel');
      const event = oneOf(form.event, EVENTS, 'event');
      rows = await searchRecords(app.pg, ctx.principal.tenantId, {
        ...queryPeriod(form, zone),
        ...(form.notice !== undefined && { noticeId: form.notice }),
        ...(type !== undefined && { type }),
        ...(channel !== undefined && { channel }),
        ...(event !== undefined && { event }),
        ...(form.q !== undefined && { text: form.q }),
        limit: LIMIT + 1,
      });
    }
    const thisYear = app.clock().getFullYear();
    const years = [thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4];
    return sendPage(reply, 200, archivePage(ctx, { form, rows, limit: LIMIT, zone, verdict, years }));
  };

  app.get('/archive', guard, (request, reply) => show(request, reply, null));

  app.get('/archive/verify', guard, async (request, reply) => {
    const verdict = await verifyArchive(app.pg, request.principal.tenantId, { sealPublicKey: opts.sealKey.publicRaw });
    request.log.info({ event: 'archive.verified', ok: verdict.ok, checked: verdict.checked, firstBadSeq: verdict.firstBadSeq, via: 'web' }, 'archive verified');
    return show(request, reply, verdict);
  });

  app.get<{ Params: { seq: string } }>('/archive/records/:seq', guard, async (request, reply) => {
    if (!/^[1-9][0-9]{0,15}$/.test(request.params.seq)) throw new NotFound('The archive record');
    const record = await findRecord(app.pg, request.principal.tenantId, Number(request.params.seq));
    if (!record) throw new NotFound('The archive record');
    return sendPage(reply, 200, recordPage(webContext(request, reply), record, zoneOf(request)));
  });

  /** The proof form's target: on to the API's proof of the notice (a bad id is a 400 page here). */
  app.get<{ Querystring: { 'proof-notice'?: string } }>('/archive/proof', guard, async (request, reply) => {
    const id = (request.query['proof-notice'] ?? '').trim();
    if (!UUID.test(id)) throw invalidRequest('/querystring/proof-notice', 'must be a notice id (UUID)');
    return reply.redirect(`/v1/notices/${id}/proof`, 303);
  });
}
