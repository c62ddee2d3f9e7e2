import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IdempotencyMismatch, NotFound } from '../errors.ts';
import { preferredLanguage } from '../http/language.ts';
import { presentNotice, presentPlan } from '../notices/present.ts';
import { findTextProblems } from '../notices/text-hygiene.ts';
import type { NoticeInput } from '../notices/types.ts';
import { findIdempotentAnswer, findNotice, listNotices, type NoticeRow, type NoticeStatus } from '../store/notices.ts';
import { parseLocalDateOrDateTime } from '../time/local-time.ts';
import { attentionOf } from './attention.ts';
import { assessForRequest, invalidRequest, rejected, tenantOfRequest } from './notice-context.ts';
import { submitNotice } from './submit-notice.ts';
import { noticeListQuery, noticeParams, problemResponses } from './notice-schemas.ts';

export default async function noticeRoutes(app: FastifyInstance): Promise<void> {
  const tenantOf = (request: FastifyRequest) => tenantOfRequest(app, request);

  app.post<{ Body: NoticeInput }>(
    '/notices/validate',
    { schema: { tags: ['notices'], summary: 'Dry run: every check and the planned schedule; nothing is stored', body: { $ref: 'NoticeInput#' }, response: problemResponses } },
    async (request) => {
      const { entry, assessment } = assessForRequest(app, request, request.body);
      return {
        valid: assessment.errors.length === 0,
        errors: assessment.errors,
        warnings: assessment.warnings,
        publications: presentPlan(assessment.plan, entry.tenant.timeZone),
      };
    },
  );

  app.post<{ Body: NoticeInput; Headers: { 'idempotency-key'?: string } }>(
    '/notices',
    {
      schema: {
        tags: ['notices'],
        summary: 'Submit a notice; 422 lists every rule it breaks',
        body: { $ref: 'NoticeInput#' },
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 255 } } },
        response: { 201: { $ref: 'Notice#' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined) {
        // Text that cannot be stored exactly as written cannot be hashed either: refuse it first.
        const unstorable = findTextProblems(request.body, preferredLanguage(request));
        if (unstorable.length > 0) throw rejected(unstorable);
      }
      const requestHash = key === undefined ? Buffer.alloc(0) : createHash('sha256').update(canonicalize(request.body) ?? '').digest();
      const replay = async (): Promise<unknown> => {
        if (key === undefined) return undefined;
        const first = await findIdempotentAnswer(app.pg, request.principal.tenantId, key);
        if (!first) return undefined;
        if (!first.requestHash.equals(requestHash)) throw new IdempotencyMismatch();
        void reply.code(first.statusCode).header('idempotent-replayed', 'true');
        return first.response;
      };
      const earlier = await replay();
      if (earlier !== undefined) return earlier;

      const view = await submitNotice(app, request, request.body, key === undefined ? null : { key, requestHash });
      if (!view) {
        // A concurrent request with the same key won the race: answer as it did.
        const winner = await replay();
        if (winner !== undefined) return winner;
        throw new Error('idempotency key conflict without a stored answer');
      }
      return reply.code(201).header('location', `/v1/notices/${view.id}`).send(view);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/notices/:id',
    { schema: { tags: ['notices'], params: noticeParams, response: { 200: { $ref: 'Notice#' }, ...problemResponses } } },
    async (request) => {
      const entry = tenantOf(request);
      const row = await findNotice(app.pg, request.principal.tenantId, request.params.id);
      if (!row) throw new NotFound(`Notice ${request.params.id}`);
      return presentNotice(row, entry.tenant.timeZone, attentionOf(app, entry));
    },
  );

  app.get<{ Querystring: { status?: NoticeStatus; type?: NoticeRow['type']; from?: string; to?: string; limit: string; cursor?: string } }>(
    '/notices',
    { schema: { tags: ['notices'], querystring: noticeListQuery, response: problemResponses } },
    async (request) => {
      const entry = tenantOf(request);
      const zone = entry.tenant.timeZone;
      const attention = attentionOf(app, entry);
      const { status, type, cursor } = request.query;
      const limit = Number(request.query.limit);
      const bound = (name: 'from' | 'to'): Date | undefined => {
        const value = request.query[name];
        if (value === undefined) return undefined;
        const parsed = parseLocalDateOrDateTime(value, zone);
        if (!parsed.ok) throw invalidRequest(`/querystring/${name}`, `must be a date or date-time (${parsed.problem})`);
        return parsed.value.toJSDate();
      };
      const from = bound('from');
      const to = bound('to');
      if (from && to && from > to) throw invalidRequest('/querystring/from', '"from" is after "to"');
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const rows = await listNotices(app.pg, request.principal.tenantId, { status, type, from, to, after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => presentNotice(row, zone, attention)),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      };
    },
  );
}

function encodeCursor(row: NoticeRow): string {
  return Buffer.from(JSON.stringify([row.publishAt.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { publishAt: Date; id: string } {
  try {
    const [publishAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(publishAt);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { publishAt: date, id };
  } catch {
    throw invalidRequest('/querystring/cursor', 'is not a cursor this API gave out');
  }
}
