import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Overloaded } from '../errors.ts';

export interface PressurePluginOptions {
  /** HERALD_MAX_EVENT_LOOP_DELAY_MS: above this mean delay new requests get 503 (0: never). */
  maxEventLoopDelayMs: number;
  /** @defaultValue 10 */
  retryAfterSeconds?: number;
}

/** Liveness and metrics still answer under pressure: an orchestrator must not kill a busy process, and the operator must see why. */
const EXEMPT = ['/health/live', '/metrics'];

/**
 * `@fastify/under-pressure`: when the event loop lags past the limit, new requests are shed with 503
 * problem+json and `Retry-After` before the process drowns; requests in flight finish.
 */
async function pressurePlugin(app: FastifyInstance, opts: PressurePluginOptions): Promise<void> {
  const retryAfter = opts.retryAfterSeconds ?? 10;
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    retryAfter,
    // A rejection goes to the problem plugin like any error: 503 problem+json, Retry-After kept.
    pressureHandler: async (request: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => {
      if (EXEMPT.includes(request.url.split('?')[0] ?? '')) return;
      request.log.warn({ event: 'api.overloaded', pressure: type, value }, 'shedding load');
      void reply.header('retry-after', String(retryAfter));
      throw new Overloaded();
    },
  });
}

export default fp(pressurePlugin, { name: 'herald-pressure', fastify: '5.x' });
