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
    // Each worker queue: how many workers listen on it now, and what waits. A queue nobody works is
    // reported (publications on it are not going out) but does not make the API unready.
    queues: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          status: { enum: ['up', 'no-workers', 'unknown'] },
          workers: { type: 'integer' },
          waiting: { type: 'integer' },
          delayed: { type: 'integer' },
          failed: { type: 'integer' },
        },
      },
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

type QueueHealth = { status: 'up' | 'no-workers'; workers: number; waiting: number; delayed: number; failed: number } | { status: 'unknown' };

/** A queue's liveness: workers connected to it (BullMQ names their connections) and its backlog. */
async function queueHealth(app: FastifyInstance): Promise<Record<string, QueueHealth>> {
  const entries = await Promise.all(
    [...app.queues.values()].map(async (queue): Promise<[string, QueueHealth]> => {
      let health: QueueHealth = { status: 'unknown' };
      const read = Promise.all([queue.getWorkersCount(), queue.getJobCounts('waiting', 'delayed', 'failed')]).then(([workers, counts]) => {
        health = { status: workers > 0 ? 'up' : 'no-workers', workers, waiting: counts.waiting ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 };
      });
      await withTimeout(read);
      return [queue.name, health];
    }),
  );
  return Object.fromEntries(entries);
}

/** Liveness (the process answers) and readiness (PostgreSQL and Redis answer), with each queue's liveness and each paused channel. No key needed. */
export default async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
  app.get('/health/live', { schema: { tags: ['health'], response: { 200: { type: 'object', properties: { status: { const: 'ok' } } } } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get('/health/ready', { schema: { tags: ['health'], response: { 200: readySchema, 503: readySchema } } }, async (_request, reply) => {
    const [postgres, redis] = await Promise.all([withTimeout(app.pg.query('SELECT 1')), withTimeout(app.redis.ping())]);
    const ready = postgres === 'up' && redis === 'up';
    if (!ready) void reply.code(503).header('retry-after', '5');
    const queues = redis === 'up' ? await queueHealth(app) : undefined;
    let facebook: Record<string, string> | undefined;
    if (postgres === 'up') {
      const statuses = pageStatuses(app.pg, opts.secretKey, app.directory.tenants(), app.clock()).then((list) => {
        facebook = Object.fromEntries(list.map((s) => [s.tenantSlug, s.status]));
      });
      await withTimeout(statuses);
    }
    return { status: ready ? 'ready' : 'unavailable', checks: { postgres, redis }, ...(queues && { queues }), ...(facebook && { channels: { facebook } }) };
  });
}
