import type { FastifyInstance } from 'fastify';
import { pageStatuses } from '../store/facebook-pages.ts';

const CHECK_TIMEOUT_MS = 1000;

async function withTimeout(work: Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'down'>((resolve) => {
    timer = setTimeout(() => { resolve('down'); }, CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work.then(() => 'up' as const), timeout]);
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

const readySchema = {
  type: 'object',
  properties: {
    status: { enum: ['ready', 'unavailable'] },
    checks: {
      type: 'object',
      properties: { postgres: { enum: ['up', 'down'] }, redis: { enum: ['up', 'down'] } },
    },
    // Channels that need someone (a Facebook Page token to replace) or wait (a rate limit). They do
    // not make Herald unready: the API and every other channel keep working.
    channels: {
      type: 'object',
      properties: { facebook: { type: 'object', additionalProperties: { enum: ['ok', 'needs-token', 'rate-limited', 'expiring'] } } },
    },
  },
} as const;

export interface HealthRouteOptions {
  /** HERALD_SECRET_KEY: a token stored under another key needs replacing. */
  secretKey: Buffer;
}

/** Liveness (the process answers) and readiness (PostgreSQL and Redis answer). No key needed. */
export default async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
  app.get('/health/live', { schema: { tags: ['health'], response: { 200: { type: 'object', properties: { status: { const: 'ok' } } } } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get('/health/ready', { schema: { tags: ['health'], response: { 200: readySchema, 503: readySchema } } }, async (_request, reply) => {
    const [postgres, redis] = await Promise.all([withTimeout(app.pg.query('SELECT 1')), withTimeout(app.redis.ping())]);
    const ready = postgres === 'up' && redis === 'up';
    if (!ready) void reply.code(503).header('retry-after', '5');
    let facebook: Record<string, string> | undefined;
    if (postgres === 'up') {
      const statuses = pageStatuses(app.pg, opts.secretKey, app.directory.tenants(), app.clock()).then((list) => {
        facebook = Object.fromEntries(list.map((s) => [s.tenantSlug, s.status]));
      });
      await withTimeout(statuses);
    }
    return { status: ready ? 'ready' : 'unavailable', checks: { postgres, redis }, ...(facebook && { channels: { facebook } }) };
  });
}
