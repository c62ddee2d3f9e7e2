import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { journalHtml, publicJournal } from '../archive/journal/index.ts';
import { NotFound } from '../errors.ts';
import { invalidRequest } from './notice-context.ts';

/** The longest period one request may ask for: the journal is public, so each request stays cheap. */
export const JOURNAL_MAX_DAYS = 31;
/** Without `from`/`to`: the last week, today included. */
const DEFAULT_DAYS = 7;

const journalQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'first journal date (tenant zone)' },
    to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `last journal date, included; at most ${JOURNAL_MAX_DAYS} days after from` },
  },
} as const;

function day(value: string, name: string, zone: string): DateTime {
  const parsed = DateTime.fromISO(value, { zone });
  if (!parsed.isValid) throw invalidRequest(`/querystring/${name}`, 'is not a calendar date');
  return parsed.startOf('day');
}

/** HTML for browsers (Accept text/html first), JSON otherwise. */
function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const htmlAt = accept.indexOf('text/html');
  const jsonAt = accept.indexOf('application/json');
  return htmlAt !== -1 && (jsonAt === -1 || htmlAt < jsonAt);
}

/**
 * GET /public/:tenant/journal: the public journal (offentleg journal, offentleglova § 10) of the
 * municipality's published notices and the comments they received, per day, screening applied. No
 * key: anyone may read it. Nothing screened ever reaches this route's answer.
 */
export default async function publicJournalRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { tenant: string }; Querystring: { from?: string; to?: string } }>(
    '/public/:tenant/journal',
    { schema: { tags: ['public'], summary: 'The public journal (offentleg journal), screened; HTML or JSON', security: [], querystring: journalQuery } },
    async (request, reply: FastifyReply) => {
      const entry = app.directory.get(request.params.tenant);
      if (!entry) throw new NotFound(`Municipality "${request.params.tenant}"`);
      const zone = entry.tenant.timeZone;
      const today = DateTime.fromJSDate(app.clock(), { zone }).startOf('day');
      const to = request.query.to === undefined ? today : day(request.query.to, 'to', zone);
      const from = request.query.from === undefined ? to.minus({ days: DEFAULT_DAYS - 1 }) : day(request.query.from, 'from', zone);
      if (from > to) throw invalidRequest('/querystring/from', '"from" is after "to"');
      if (to.diff(from, 'days').days + 1 > JOURNAL_MAX_DAYS) throw invalidRequest('/querystring/to', `the period is longer than ${JOURNAL_MAX_DAYS} days`);
      const { rows } = await app.pg.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [entry.tenant.slug]);
      const tenantId = rows[0]?.id;
      if (tenantId === undefined) throw new NotFound(`Municipality "${request.params.tenant}"`);
      const journal = await publicJournal(app.pg, {
        tenantId,
        tenant: entry.tenant,
        screenedOf: (type) => entry.rules.get(type)?.screened ?? [],
        from,
        to: to.plus({ days: 1 }),
      });
      void reply.header('vary', 'Accept').header('cache-control', 'public, max-age=60').header('x-content-type-options', 'nosniff');
      if (wantsHtml(request)) {
        return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'").send(journalHtml(journal));
      }
      return journal;
    },
  );
}
