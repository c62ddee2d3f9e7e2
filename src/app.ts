import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import type pg from 'pg';
import { devSealKey, type SealKey } from './archive/seals/seal-key.ts';
import { useJsonBodyParser } from './http/json-body.ts';
import { sharedSchemas } from './http/schemas/notice.ts';
import sessionsPlugin, { type SessionOptions } from './auth/sessions.ts';
import authPlugin from './plugins/auth.ts';
import metricsPlugin from './plugins/metrics.ts';
import postgresPlugin from './plugins/postgres.ts';
import pressurePlugin from './plugins/pressure.ts';
import problemPlugin from './plugins/problem.ts';
import queuesPlugin from './plugins/queues.ts';
import redisPlugin from './plugins/redis.ts';
import textHygienePlugin from './plugins/text-hygiene.ts';
import adminQueueRoutes from './routes/admin-queues.ts';
import type { DocumentFormat } from './archive/noark5/context.ts';
import archiveExportRoutes from './routes/archive-export.ts';
import archiveRecordRoutes from './routes/archive-records.ts';
import sealKeyRoutes from './routes/archive-seal-key.ts';
import archiveVerifyRoutes from './routes/archive-verify.ts';
import facebookChannelRoutes from './routes/facebook-channel.ts';
import healthRoutes from './routes/health.ts';
import noticeLifecycleRoutes from './routes/notice-lifecycle.ts';
import noticeProofRoutes from './routes/notice-proof.ts';
import newspaperConfirmRoutes from './routes/newspaper-confirm.ts';
import newspaperCorrectionRoutes from './routes/newspaper-correction.ts';
import noticeRoutes from './routes/notices.ts';
import publicJournalRoutes from './routes/public-journal.ts';
import publicRoutes, { webRootOf } from './routes/public.ts';
import ruleRoutes from './routes/rules.ts';
import { DEV_SECRET_KEY } from './secrets/secret-key.ts';
import { syncTenants } from './store/tenants.ts';
import type { Clock } from './time/clock.ts';
import type { TenantDirectory } from './tenancy/directory.ts';
import webPlugin from './web/plugin.ts';

declare module 'fastify' {
  interface FastifyInstance {
    directory: TenantDirectory;
    clock: Clock;
  }
}

export interface BuildOptions {
  directory: TenantDirectory;
  pool: pg.Pool;
  /** Close the pool with the app. @defaultValue true */
  ownsPool?: boolean;
  redisUrl: string;
  /** HERALD_REDIS_CLUSTER: `redisUrl` is one node of a Redis Cluster. @defaultValue false */
  redisCluster?: boolean;
  /** HERALD_DATA_DIR: the website channel's web root is `<dataDir>/web`. */
  dataDir: string;
  /** @defaultValue the system clock */
  clock?: Clock;
  /** @defaultValue no logging */
  logger?: FastifyBaseLogger;
  /** HERALD_SECRET_KEY: encrypts the Facebook Page tokens. @defaultValue the development key */
  secretKey?: Buffer;
  /** HERALD_QUEUE_PREFIX: the worker queues the operator's views read. @defaultValue '{herald}' */
  queuePrefix?: string;
  /**
   * HERALD_MAX_EVENT_LOOP_DELAY_MS: shed load with 503 past this event-loop delay. server.ts passes
   * the environment's (1000 by default). @defaultValue 0: never (tests share a busy process with workers)
   */
  maxEventLoopDelayMs?: number;
  /** HERALD_OPERATOR_KEY: opens the queue dashboard, which shows every municipality's jobs. @defaultValue none: it opens to no one */
  operatorKey?: string;
  /** HERALD_SEAL_KEY: signs the daily seals, checks them in verify. @defaultValue the development key */
  sealKey?: SealKey;
  /** HERALD_NOARK_FORMAT: `format` of exported documents. @defaultValue 'pdf' */
  noarkFormat?: DocumentFormat;
  /** HERALD_SESSION_IDLE_MINUTES, HERALD_SESSION_MAX_HOURS, HERALD_COOKIE_SECURE. @defaultValue 1 h idle, 12 h in all, Secure on https */
  sessions?: Partial<SessionOptions>;
  /** Sees every route as it is registered (the access test's list of routes). @defaultValue none */
  onRoute?: (route: RouteOptions) => void;
}

/** 256 KiB: a notice with a long body fits many times over; anything bigger is a mistake or an attack. */
export const BODY_LIMIT = 256 * 1024;

/** Builds the API without listening (fastify's Testing guide): tests `inject`, server.ts listens. */
export async function build(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false } },
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  useJsonBodyParser(app);
  app.decorate('directory', opts.directory);
  app.decorate('clock', opts.clock ?? (() => new Date()));
  for (const schema of sharedSchemas) app.addSchema(schema);

  // Every answer names its request id, so a caller can quote it and an operator find the log lines.
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    return payload;
  });

  await app.register(problemPlugin);
  await app.register(textHygienePlugin);
  await app.register(pressurePlugin, { maxEventLoopDelayMs: opts.maxEventLoopDelayMs ?? 0 });
  await app.register(postgresPlugin, { pool: opts.pool, owned: opts.ownsPool ?? true });
  await app.register(redisPlugin, { url: opts.redisUrl, cluster: opts.redisCluster ?? false });
  await app.register(queuesPlugin, { redisUrl: opts.redisUrl, cluster: opts.redisCluster ?? false, prefix: opts.queuePrefix ?? '{herald}' });
  await app.register(metricsPlugin);
  await app.register(sessionsPlugin, opts.sessions ?? {});
  await app.register(authPlugin);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Herald', version: '1', description: 'Compliance-aware publishing for Norwegian municipalities' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const secretKey = opts.secretKey ?? Buffer.from(DEV_SECRET_KEY, 'hex');
  await app.register(healthRoutes, { secretKey });
  const sealKey = opts.sealKey ?? devSealKey();
  await app.register(publicRoutes, { webRoot: webRootOf(opts.dataDir) });
  await app.register(adminQueueRoutes, { operatorKey: opts.operatorKey });
  await app.register(publicJournalRoutes);
  await app.register(sealKeyRoutes, { sealKey });
  await app.register(async (v1) => {
    v1.addHook('onRequest', v1.authenticate);
    await v1.register(noticeRoutes);
    await v1.register(noticeLifecycleRoutes);
    await v1.register(newspaperConfirmRoutes);
    await v1.register(newspaperCorrectionRoutes);
    await v1.register(ruleRoutes);
    await v1.register(facebookChannelRoutes, { secretKey });
    await v1.register(archiveRecordRoutes);
    await v1.register(archiveVerifyRoutes, { sealKey });
    await v1.register(archiveExportRoutes, { format: opts.noarkFormat ?? 'pdf' });
    await v1.register(noticeProofRoutes, { sealKey });
  }, { prefix: '/v1' });
  await app.register(webPlugin, { prefix: '/app', keyPrefix: opts.queuePrefix ?? '{herald}', sealKey, noarkFormat: opts.noarkFormat ?? 'pdf', secretKey, webRoot: webRootOf(opts.dataDir) });

  app.addHook('onReady', async () => {
    await syncTenants(opts.pool, opts.directory.tenants());
  });
  return app;
}
