import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFound } from '../errors.ts';
import { requireRole } from '../plugins/auth.ts';
import { pageStatuses, setPageToken, type PageStatus } from '../store/facebook-pages.ts';
import { tenantOfRequest } from './notice-context.ts';
import { problemResponses } from './notice-schemas.ts';

export interface FacebookChannelRouteOptions {
  /** HERALD_SECRET_KEY: Page tokens are stored encrypted under it. */
  secretKey: Buffer;
}

const tokenBody = {
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: { token: { type: 'string', minLength: 10, maxLength: 4096, pattern: '^\\S+$', description: 'A Page access token (never returned, never logged)' } },
} as const;

/** What the API shows of a Page: its state, never its token (the schema leaves no room for one). */
const statusSchema = {
  type: 'object',
  properties: {
    pageId: { type: 'string' },
    status: { enum: ['ok', 'needs-token', 'rate-limited', 'expiring'] },
    tokenSet: { type: 'boolean' },
    tokenSetAt: { type: ['string', 'null'] },
    tokenExpiresAt: { type: ['string', 'null'] },
    tokenCheckedAt: { type: ['string', 'null'] },
    pausedUntil: { type: ['string', 'null'] },
    problem: { type: ['object', 'null'], additionalProperties: true },
  },
} as const;

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

function present(status: PageStatus) {
  return {
    pageId: status.pageId,
    status: status.status,
    tokenSet: status.tokenSetAt !== null,
    tokenSetAt: iso(status.tokenSetAt),
    tokenExpiresAt: iso(status.tokenExpiresAt),
    tokenCheckedAt: iso(status.tokenCheckedAt),
    pausedUntil: iso(status.pausedUntil),
    problem: status.problem,
  };
}

/**
 * The municipality's Facebook Page: its state (GET) and its Page token (PUT, admin only). The token
 * is stored encrypted and never answered with or logged; setting one releases publications that
 * waited for it.
 */
export default async function facebookChannelRoutes(app: FastifyInstance, opts: FacebookChannelRouteOptions): Promise<void> {
  async function statusOf(request: FastifyRequest) {
    const { tenant } = tenantOfRequest(app, request);
    if (!tenant.channels.facebook) throw new NotFound('A Facebook Page for this municipality (channels.facebook in its tenant file)');
    const [status] = await pageStatuses(app.pg, opts.secretKey, [tenant], app.clock());
    if (!status) throw new NotFound('The Facebook Page of this municipality');
    return present(status);
  }

  app.get(
    '/channels/facebook',
    { preHandler: requireRole(['admin', 'communications'], 'see the Facebook channel'), schema: { tags: ['channels'], summary: "The municipality's Facebook Page: token state, pauses, problems", response: { 200: statusSchema, ...problemResponses } } },
    async (request) => statusOf(request),
  );

  app.put<{ Body: { token: string } }>(
    '/channels/facebook/token',
    {
      preHandler: requireRole(['admin'], "set the Facebook Page's token"),
      schema: { tags: ['channels'], summary: 'Set or replace the Page access token (stored encrypted; publications waiting for it go out)', body: tokenBody, response: { 200: statusSchema, ...problemResponses } },
    },
    async (request) => {
      const { tenant } = tenantOfRequest(app, request);
      const pageId = tenant.channels.facebook?.pageId;
      if (pageId === undefined) throw new NotFound('A Facebook Page for this municipality (channels.facebook in its tenant file)');
      const version = await setPageToken(app.pg, opts.secretKey, { tenantSlug: tenant.slug, pageId, token: request.body.token });
      request.log.info({ event: 'facebook.token.set', tenant: tenant.slug, pageId, tokenVersion: version }, 'Facebook Page token replaced');
      return statusOf(request);
    },
  );
}
