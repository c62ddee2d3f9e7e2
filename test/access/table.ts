import type { Role } from '../../src/notices/types.ts';
import { example } from '../helpers/examples.ts';
import type { AccessContext, Req } from './context.ts';

/** The expected status per role of the caller. */
export type ByRole = Record<Role, number>;
type Make = (ctx: AccessContext) => Req | Promise<Req>;

export type Row =
  /** No key needed: everyone gets `status`. */
  | { kind: 'public'; req: Make; status: number }
  /**
   * Bearer key: no key, a revoked key and a malformed key are 401; `own` is each Åsnes role on an
   * Åsnes resource, `other` each Karasjok role on the same resource (404 where the design hides it).
   * The deployment operator's key gets `operator`: 401 (no API key) where the row does not say.
   */
  | { kind: 'api'; req: Make; own: ByRole; other: ByRole; operator?: number }
  /**
   * Web app page: no session is a 303 to the sign-in page; a session of each role gets `own`
   * (403 or 404 page for the wrong role), of another municipality `other`.
   */
  | { kind: 'app'; req: Make; own: ByRole; other: ByRole };

/** A user or key id: the CSRF check answers before anyone is looked up. */
const SOMEONE = '00000000-0000-4000-8000-000000000000';
const each = (status: number): ByRole => ({ hr: status, communications: status, archivist: status, admin: status });
const roles = (hr: number, communications: number, archivist: number, admin: number): ByRole => ({ hr, communications, archivist, admin });
/** Archive routes: archivists and admins only, anyone else as if the route did not exist. */
const archive = (status: number): ByRole => roles(404, 404, status, status);
const get = (url: string): Make => () => ({ method: 'GET', url });
const pub = (url: string, status = 200): Row => ({ kind: 'public', req: get(url), status });
/**
 * The queue dashboard: every municipality's jobs (the queues are shared), so the operator key's alone;
 * every municipality's key, its admin's too, is refused. Read-only.
 */
const dashboard = (method: Req['method'], url: string, operator: number): Row => ({ kind: 'api', req: () => ({ method, url, ...(method !== 'GET' && method !== 'HEAD' && { payload: {} }) }), own: each(403), other: each(403), operator });

/**
 * Every route the app registers, by `METHOD url` as Fastify names it. A route missing here fails the
 * access test with its name. Web app pages: one line each, e.g.
 *   'GET /app/notices': { kind: 'app', req: get('/app/notices'), own: roles(200, 200, 404, 200), other: each(404) },
 */
export const TABLE: Record<string, Row> = {
  // Public: no key, no tenant.
  'GET /health/live': pub('/health/live'),
  'GET /health/ready': pub('/health/ready'),
  'GET /metrics': pub('/metrics'),
  'GET /docs': pub('/docs'),
  'HEAD /docs/': { kind: 'public', req: () => ({ method: 'HEAD', url: '/docs/' }), status: 200 },
  'GET /docs/json': pub('/docs/json'),
  'GET /docs/yaml': pub('/docs/yaml'),
  'GET /docs/static/index.html': pub('/docs/static/index.html', 302),
  'GET /docs/static/*': pub('/docs/static/swagger-ui.css'),
  'GET /docs/static/swagger-initializer.js': pub('/docs/static/swagger-initializer.js'),
  'GET /public/*': pub('/public/asnes/no-such-page.html', 404),
  'GET /public/:tenant/journal': pub('/public/asnes/journal'),
  'GET /v1/archive/seal-key': pub('/v1/archive/seal-key'),

  // Notices: any role reads; who submits depends on the type (announcement: communications, admin).
  'POST /v1/notices': { kind: 'api', req: () => ({ method: 'POST', url: '/v1/notices', payload: example('announcement') }), own: roles(403, 201, 403, 201), other: roles(403, 422, 403, 422) },
  'POST /v1/notices/validate': { kind: 'api', req: () => ({ method: 'POST', url: '/v1/notices/validate', payload: example('announcement') }), own: roles(403, 200, 403, 200), other: roles(403, 200, 403, 200) },
  'GET /v1/notices': { kind: 'api', req: get('/v1/notices'), own: each(200), other: each(200) },
  'GET /v1/notices/:id': { kind: 'api', req: async (c) => get(`/v1/notices/${await c.announcement()}`)(c), own: each(200), other: each(404) },
  'PUT /v1/notices/:id': { kind: 'api', req: async (c) => ({ method: 'PUT', url: `/v1/notices/${await c.announcement()}`, payload: { ...example('announcement'), title: 'Vannet stenges likevel ikke' } }), own: roles(403, 200, 403, 200), other: each(404) },
  'POST /v1/notices/:id/approve': { kind: 'api', req: async (c) => ({ method: 'POST', url: `/v1/notices/${await c.planAwaitingApproval()}/approve` }), own: roles(403, 200, 403, 200), other: each(404) },
  'POST /v1/notices/:id/withdraw': { kind: 'api', req: async (c) => ({ method: 'POST', url: `/v1/notices/${await c.announcement()}/withdraw`, payload: { reason: 'Avlyst' } }), own: roles(403, 200, 403, 200), other: each(404) },
  // Only a withdrawn notice whose ad went to the paper can be corrected: the state check answers those who may.
  'POST /v1/notices/:id/newspaper-correction': { kind: 'api', req: async (c) => ({ method: 'POST', url: `/v1/notices/${await c.withdrawn()}/newspaper-correction`, payload: {} }), own: roles(403, 409, 403, 409), other: each(404) },
  // The role check comes first (the same 403 whatever the id); an announcement has no newspaper publication.
  'POST /v1/notices/:id/publications/:channel/confirm': { kind: 'api', req: async (c) => ({ method: 'POST', url: `/v1/notices/${await c.announcement()}/publications/newspaper/confirm`, payload: { page: 3 } }), own: roles(403, 404, 403, 404), other: roles(403, 404, 403, 404) },
  'GET /v1/notices/:id/proof': { kind: 'api', req: async (c) => get(`/v1/notices/${await c.announcement()}/proof`)(c), own: roles(403, 200, 200, 200), other: each(404) },
  'GET /v1/rules': { kind: 'api', req: get('/v1/rules'), own: each(200), other: each(200) },

  // The municipality's Facebook Page.
  'GET /v1/channels/facebook': { kind: 'api', req: get('/v1/channels/facebook'), own: roles(403, 200, 403, 200), other: roles(403, 200, 403, 200) },
  'PUT /v1/channels/facebook/token': { kind: 'api', req: () => ({ method: 'PUT', url: '/v1/channels/facebook/token', payload: { token: 'EAAB-not-a-real-token-0123456789' } }), own: roles(403, 403, 403, 200), other: roles(403, 403, 403, 200) },

  // The archive: hidden (404) from every other role.
  'GET /v1/archive/records': { kind: 'api', req: get('/v1/archive/records'), own: archive(200), other: archive(200) },
  'GET /v1/archive/records/:seq': { kind: 'api', req: get('/v1/archive/records/1'), own: archive(404), other: archive(404) },
  'GET /v1/archive/records/:seq/content': { kind: 'api', req: get('/v1/archive/records/1/content'), own: archive(404), other: archive(404) },
  'GET /v1/archive/verify': { kind: 'api', req: get('/v1/archive/verify'), own: archive(200), other: archive(200) },
  // `from` after `to` is the archivist's 400; to anyone else the route does not exist.
  'GET /v1/archive/export': { kind: 'api', req: get('/v1/archive/export?from=2025-02-01&to=2025-01-01'), own: archive(400), other: archive(400) },

  // The web app: a session cookie instead of a key.
  'GET /app': { kind: 'app', req: get('/app'), own: each(200), other: each(200) },
  'HEAD /app/': { kind: 'app', req: () => ({ method: 'HEAD', url: '/app/' }), own: each(200), other: each(200) },
  'GET /app/approvals': { kind: 'app', req: get('/app/approvals'), own: roles(200, 200, 403, 200), other: roles(200, 200, 403, 200) },
  'GET /app/plan': { kind: 'app', req: get('/app/plan'), own: each(200), other: each(200) },
  'GET /app/notices/new': { kind: 'app', req: get('/app/notices/new'), own: roles(200, 200, 403, 200), other: roles(200, 200, 403, 200) },
  'GET /app/notices/:id': { kind: 'app', req: async (c) => get(`/app/notices/${await c.announcement()}`)(c), own: each(200), other: each(404) },
  'GET /app/notices/:id/edit': { kind: 'app', req: async (c) => get(`/app/notices/${await c.announcement()}/edit`)(c), own: roles(403, 200, 403, 200), other: each(404) },
  'GET /app/sign-in': pub('/app/sign-in'),
  'GET /app/assets/*': pub('/app/assets/no-such-file.js', 404),
  // Forms without their CSRF token: refused before anything happens, whoever sends them.
  'POST /app/sign-in': { kind: 'public', req: () => ({ method: 'POST', url: '/app/sign-in', payload: { email: 'a@b.example', password: 'x' } }), status: 403 },
  'POST /app/sign-out': { kind: 'public', req: () => ({ method: 'POST', url: '/app/sign-out', payload: {} }), status: 403 },
  'POST /app/language': { kind: 'public', req: () => ({ method: 'POST', url: '/app/language', payload: {} }), status: 403 },
  'POST /app/notices/new': { kind: 'app', req: () => ({ method: 'POST', url: '/app/notices/new', payload: {} }), own: each(403), other: each(403) },
  'POST /app/notices/:id/edit': { kind: 'app', req: async (c) => ({ method: 'POST', url: `/app/notices/${await c.announcement()}/edit`, payload: {} }), own: each(403), other: each(403) },
  'POST /app/notices/:id/approve': { kind: 'app', req: async (c) => ({ method: 'POST', url: `/app/notices/${await c.planAwaitingApproval()}/approve`, payload: {} }), own: each(403), other: each(403) },
  'POST /app/notices/:id/withdraw': { kind: 'app', req: async (c) => ({ method: 'POST', url: `/app/notices/${await c.announcement()}/withdraw`, payload: {} }), own: each(403), other: each(403) },
  'GET /app/notices/:id/preview/:channel': { kind: 'app', req: async (c) => get(`/app/notices/${await c.announcement()}/preview/website`)(c), own: each(200), other: each(404) },
  // Admin pages: an admin sees their own municipality's users and keys (so another one's admin gets theirs).
  'GET /app/admin': { kind: 'app', req: get('/app/admin'), own: roles(403, 403, 403, 200), other: roles(403, 403, 403, 200) },
  'POST /app/admin/users': { kind: 'app', req: () => ({ method: 'POST', url: '/app/admin/users', payload: {} }), own: each(403), other: each(403) },
  'POST /app/admin/users/:id/password': { kind: 'app', req: () => ({ method: 'POST', url: `/app/admin/users/${SOMEONE}/password`, payload: {} }), own: each(403), other: each(403) },
  'POST /app/admin/users/:id/disable': { kind: 'app', req: () => ({ method: 'POST', url: `/app/admin/users/${SOMEONE}/disable`, payload: {} }), own: each(403), other: each(403) },
  'POST /app/admin/users/:id/enable': { kind: 'app', req: () => ({ method: 'POST', url: `/app/admin/users/${SOMEONE}/enable`, payload: {} }), own: each(403), other: each(403) },
  'POST /app/admin/keys': { kind: 'app', req: () => ({ method: 'POST', url: '/app/admin/keys', payload: {} }), own: each(403), other: each(403) },
  'POST /app/admin/keys/:id/revoke': { kind: 'app', req: () => ({ method: 'POST', url: `/app/admin/keys/${SOMEONE}/revoke`, payload: {} }), own: each(403), other: each(403) },
  // Archive pages: archivists and admins; the pages are no secret (403), the records are (404).
  'GET /app/archive': { kind: 'app', req: get('/app/archive'), own: roles(403, 403, 200, 200), other: roles(403, 403, 200, 200) },
  'GET /app/archive/verify': { kind: 'app', req: get('/app/archive/verify'), own: roles(403, 403, 200, 200), other: roles(403, 403, 200, 200) },
  'GET /app/archive/records/:seq': { kind: 'app', req: get('/app/archive/records/1'), own: roles(403, 403, 404, 404), other: roles(403, 403, 404, 404) },
  'GET /app/archive/proof': { kind: 'app', req: get('/app/archive/proof'), own: roles(403, 403, 400, 400), other: roles(403, 403, 400, 400) },
  // Single sign-on: the shipped municipalities configure none, so there is nowhere to go.
  'GET /app/sign-in/oidc/:tenant': pub('/app/sign-in/oidc/asnes', 404),
  'GET /app/sign-in/oidc/callback': pub('/app/sign-in/oidc/callback', 400),

  // The queue dashboard (bull-board), read-only for the operator.
  'GET /admin/queues': dashboard('GET', '/admin/queues', 200),
  'HEAD /admin/queues/': dashboard('HEAD', '/admin/queues/', 200),
  'GET /admin/queues/static/*': dashboard('GET', '/admin/queues/static/nothing.js', 404),
  'GET /admin/queues/metrics-history': dashboard('GET', '/admin/queues/metrics-history', 200),
  'GET /admin/queues/job-schedulers': dashboard('GET', '/admin/queues/job-schedulers', 200),
  'GET /admin/queues/queue/:queueName': dashboard('GET', '/admin/queues/queue/publish-website', 200),
  'GET /admin/queues/queue/:queueName/:jobId': dashboard('GET', '/admin/queues/queue/publish-website/1', 200),
  'GET /admin/queues/api/redis/stats': dashboard('GET', '/admin/queues/api/redis/stats', 200),
  'GET /admin/queues/api/queues': dashboard('GET', '/admin/queues/api/queues', 200),
  'GET /admin/queues/api/job-schedulers': dashboard('GET', '/admin/queues/api/job-schedulers', 200),
  'GET /admin/queues/api/queues/:queueName/metrics': dashboard('GET', '/admin/queues/api/queues/publish-website/metrics', 200),
  'GET /admin/queues/api/queues/:queueName/default-job-options': dashboard('GET', '/admin/queues/api/queues/publish-website/default-job-options', 200),
  'GET /admin/queues/api/queues/:queueName/workers': dashboard('GET', '/admin/queues/api/queues/publish-website/workers', 200),
  'GET /admin/queues/api/queues/:queueName/rate-limit': dashboard('GET', '/admin/queues/api/queues/publish-website/rate-limit', 200),
  'GET /admin/queues/api/queues/:queueName/job-data-schema': dashboard('GET', '/admin/queues/api/queues/publish-website/job-data-schema', 200),
  'GET /admin/queues/api/queues/:queueName/:jobId': dashboard('GET', '/admin/queues/api/queues/publish-website/1', 404),
  'GET /admin/queues/api/queues/:queueName/:jobId/logs': dashboard('GET', '/admin/queues/api/queues/publish-website/1/logs', 200),
  'GET /admin/queues/api/queues/:queueName/:jobId/flow': dashboard('GET', '/admin/queues/api/queues/publish-website/1/flow', 404),
  // Read-only: every change to the queues is refused, the operator's included (PostgreSQL is the truth).
  'PUT /admin/queues/api/queues/pause': dashboard('PUT', '/admin/queues/api/queues/pause', 405),
  'PUT /admin/queues/api/queues/resume': dashboard('PUT', '/admin/queues/api/queues/resume', 405),
  'PUT /admin/queues/api/queues/:queueName/rate-limit': dashboard('PUT', '/admin/queues/api/queues/publish-website/rate-limit', 405),
  'PUT /admin/queues/api/queues/:queueName/rate-limit/release': dashboard('PUT', '/admin/queues/api/queues/publish-website/rate-limit/release', 405),
  'PUT /admin/queues/api/queues/:queueName/retry/:queueStatus': dashboard('PUT', '/admin/queues/api/queues/publish-website/retry/failed', 405),
  'PUT /admin/queues/api/queues/:queueName/resume': dashboard('PUT', '/admin/queues/api/queues/publish-website/resume', 405),
  'PUT /admin/queues/api/queues/:queueName/pause': dashboard('PUT', '/admin/queues/api/queues/publish-website/pause', 405),
  'PUT /admin/queues/api/queues/:queueName/promote': dashboard('PUT', '/admin/queues/api/queues/publish-website/promote', 405),
  'PUT /admin/queues/api/queues/:queueName/clean/:queueStatus': dashboard('PUT', '/admin/queues/api/queues/publish-website/clean/completed', 405),
  'PUT /admin/queues/api/queues/:queueName/concurrency': dashboard('PUT', '/admin/queues/api/queues/publish-website/concurrency', 405),
  'PUT /admin/queues/api/queues/:queueName/empty': dashboard('PUT', '/admin/queues/api/queues/publish-website/empty', 405),
  'PUT /admin/queues/api/queues/:queueName/obliterate': dashboard('PUT', '/admin/queues/api/queues/publish-website/obliterate', 405),
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/remove': dashboard('PUT', '/admin/queues/api/queues/publish-website/job-schedulers/s/remove', 405),
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/run': dashboard('PUT', '/admin/queues/api/queues/publish-website/job-schedulers/s/run', 405),
  'PATCH /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId': dashboard('PATCH', '/admin/queues/api/queues/publish-website/job-schedulers/s', 405),
  'POST /admin/queues/api/queues/:queueName/add': dashboard('POST', '/admin/queues/api/queues/publish-website/add', 405),
  'PUT /admin/queues/api/queues/:queueName/:jobId/retry': dashboard('PUT', '/admin/queues/api/queues/publish-website/1/retry', 405),
  'PUT /admin/queues/api/queues/:queueName/:jobId/remove-unprocessed-children': dashboard('PUT', '/admin/queues/api/queues/publish-website/1/remove-unprocessed-children', 405),
  'PUT /admin/queues/api/queues/:queueName/:jobId/clean': dashboard('PUT', '/admin/queues/api/queues/publish-website/1/clean', 405),
  'PUT /admin/queues/api/queues/:queueName/:jobId/promote': dashboard('PUT', '/admin/queues/api/queues/publish-website/1/promote', 405),
  'PATCH /admin/queues/api/queues/:queueName/:jobId/priority': dashboard('PATCH', '/admin/queues/api/queues/publish-website/1/priority', 405),
  'PATCH /admin/queues/api/queues/:queueName/:jobId/update-data': dashboard('PATCH', '/admin/queues/api/queues/publish-website/1/update-data', 405),
  'PATCH /admin/queues/api/queues/:queueName/:jobId/delay': dashboard('PATCH', '/admin/queues/api/queues/publish-website/1/delay', 405),
};
