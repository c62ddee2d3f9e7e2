import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findRecord, recordContent, searchRecords, type RecordView } from '../archive/search.ts';
import { NotFound } from '../errors.ts';
import { CHANNELS, NOTICE_TYPES } from '../notices/types.ts';
import { archivistsOnly, queryPeriod } from './archive-access.ts';
import { invalidRequest, tenantOfRequest } from './notice-context.ts';
import { problemResponses } from './notice-schemas.ts';

const EVENTS = ['delivered', 'published', 'withdrawn', 'corrected', 'failed', 'comment', 'seal'] as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    notice: { type: 'string', format: 'uuid', description: 'records of this notice' },
    type: { enum: NOTICE_TYPES },
    channel: { enum: CHANNELS },
    event: { enum: EVENTS },
    from: { type: 'string', maxLength: 40, description: 'recorded at or after (date or date-time, tenant zone)' },
    to: { type: 'string', maxLength: 40, description: 'recorded before' },
    q: { type: 'string', minLength: 1, maxLength: 200, description: "words in the notice's title" },
    limit: { type: 'string', pattern: '^(500|[1-4][0-9]{2}|[1-9][0-9]?)$', default: '100', description: '1–500' },
    cursor: { type: 'string', maxLength: 200 },
  },
} as const;

const seqParams = {
  type: 'object',
  required: ['seq'],
  properties: { seq: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } },
} as const;

const hex = (bytes: Buffer | null): string | null => bytes?.toString('hex') ?? null;

/** A record as the API shows it: where it sits in the chain (or that it is not sealed yet), never its bytes. */
function present(r: RecordView) {
  return {
    seq: r.seq,
    sealed: r.seq !== null,
    sealedAt: r.sealedAt?.toISOString() ?? null,
    recordedAt: r.recordedAt.toISOString(),
    notice: r.noticeId === null ? null : { id: r.noticeId, version: r.noticeVersion, type: r.noticeType, title: r.title },
    publicationId: r.publicationId,
    channel: r.channel,
    target: r.target,
    event: r.event,
    contentType: r.contentType,
    contentLength: r.contentLength,
    sha256: r.contentSha256.toString('hex'),
    ruleVersion: r.ruleVersion,
    receipt: r.receipt,
    prevHash: hex(r.prevHash),
    hash: hex(r.hash),
    content: r.seq === null ? null : `/v1/archive/records/${r.seq}/content`,
  };
}

const recordSchema = {
  type: 'object',
  properties: {
    seq: { type: ['integer', 'null'] },
    sealed: { type: 'boolean', description: 'false until the sealer gave the record its place in the chain (seconds)' },
    sealedAt: { type: ['string', 'null'] },
    recordedAt: { type: 'string' },
    notice: {
      type: ['object', 'null'],
      properties: { id: { type: 'string' }, version: { type: ['integer', 'null'] }, type: { type: ['string', 'null'] }, title: { type: ['string', 'null'] } },
    },
    publicationId: { type: ['string', 'null'] },
    channel: { type: ['string', 'null'] },
    target: { type: ['string', 'null'] },
    event: { type: 'string' },
    contentType: { type: 'string' },
    contentLength: { type: 'integer' },
    sha256: { type: 'string' },
    ruleVersion: { type: ['string', 'null'] },
    receipt: {},
    prevHash: { type: ['string', 'null'] },
    hash: { type: ['string', 'null'] },
    content: { type: ['string', 'null'] },
  },
} as const;

function encodeCursor(r: RecordView): string {
  return Buffer.from(JSON.stringify([r.seq, r.id])).toString('base64url');
}

function decodeCursor(cursor: string): { seq: number | null; id: number } {
  try {
    const [seq, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if ((seq === null || Number.isSafeInteger(seq)) && Number.isSafeInteger(id)) return { seq: seq as number | null, id: id as number };
  } catch {
    // fall through
  }
  throw invalidRequest('/querystring/cursor', 'is not a cursor this API gave out');
}

/** `If-None-Match` lists this tag (or `*`). */
function matches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** Search and read the archive: GET /v1/archive/records, /records/:seq and /records/:seq/content. */
export default async function archiveRecordRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', archivistsOnly);

  app.get<{ Querystring: { notice?: string; type?: string; channel?: string; event?: string; from?: string; to?: string; q?: string; limit: string; cursor?: string } }>(
    '/archive/records',
    { schema: { tags: ['archive'], summary: 'Search the archive, in chain order (records not sealed yet last)', querystring: listQuery, response: { 200: { type: 'object', properties: { items: { type: 'array', items: recordSchema }, nextCursor: { type: ['string', 'null'] } } }, ...problemResponses } } },
    async (request) => {
      const zone = tenantOfRequest(app, request).tenant.timeZone;
      const { notice, type, channel, event, q, cursor } = request.query;
      const limit = Number(request.query.limit);
      const rows = await searchRecords(app.pg, request.principal.tenantId, {
        ...queryPeriod(request.query, zone),
        ...(notice !== undefined && { noticeId: notice }),
        ...(type !== undefined && { type }),
        ...(channel !== undefined && { channel }),
        ...(event !== undefined && { event }),
        ...(q !== undefined && { text: q }),
        ...(cursor !== undefined && { after: decodeCursor(cursor) }),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { items: page.map(present), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
    },
  );

  app.get<{ Params: { seq: string } }>(
    '/archive/records/:seq',
    { schema: { tags: ['archive'], summary: 'One sealed record: its metadata and place in the chain', params: seqParams, response: { 200: recordSchema, ...problemResponses } } },
    async (request) => {
      const row = await findRecord(app.pg, request.principal.tenantId, Number(request.params.seq));
      if (!row) throw new NotFound(`Archive record ${request.params.seq}`);
      return present(row);
    },
  );

  app.get<{ Params: { seq: string } }>(
    '/archive/records/:seq/content',
    { schema: { tags: ['archive'], summary: 'The exact bytes that went out, with their content type; ETag and Digest carry their SHA-256', params: seqParams } },
    async (request, reply) => {
      const found = await recordContent(app.pg, request.principal.tenantId, Number(request.params.seq));
      if (!found) throw new NotFound(`Archive record ${request.params.seq}`);
      const etag = `"sha256-${found.sha256.toString('hex')}"`;
      const digest = found.sha256.toString('base64');
      void reply
        .header('etag', etag)
        // RFC 3230 Digest, and its successor RFC 9530 Repr-Digest: the SHA-256 of these very bytes.
        .header('digest', `sha-256=${digest}`)
        .header('repr-digest', `sha-256=:${digest}:`)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        // Archived pages are shown, never run: no script, no request out of them.
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
      if (matches(request, etag)) return reply.code(304).send();
      return reply.type(found.contentType).send(found.content);
    },
  );
}
