import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiMetrics } from '../metrics/api-metrics.ts';
import { NOTICE_TYPES } from '../notices/types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ApiMetrics;
  }
}

/** The intake route whose answers are counted as accepted or rejected notices. */
const INTAKE = '/v1/notices';

function rulesOf(payload: unknown): string[] {
  if (typeof payload !== 'string') return [];
  try {
    const problem = JSON.parse(payload) as { errors?: { rule?: unknown }[] };
    return (problem.errors ?? []).flatMap((e) => (typeof e.rule === 'string' ? [e.rule] : []));
  } catch {
    return [];
  }
}

/**
 * `/metrics` (Prometheus text, no key needed, like `/health`) and the intake counters, observed in
 * this one place from each answer of POST /v1/notices: 201 counts as accepted; a 400 or 422 naming
 * rules counts once per rule. A replayed idempotent answer counts nothing.
 */
async function metricsPlugin(app: FastifyInstance): Promise<void> {
  const metrics = new ApiMetrics({ pool: app.pg, queues: app.queues });
  app.decorate('metrics', metrics);

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'POST' || request.routeOptions.url !== INTAKE || reply.getHeader('idempotent-replayed') !== undefined) return payload;
    const type = (request.body as { type?: unknown } | undefined)?.type;
    // Only the known types: a label must never take whatever a client sends.
    const label = (NOTICE_TYPES as readonly unknown[]).includes(type) ? String(type) : 'invalid';
    if (reply.statusCode === 201) metrics.noticeAccepted(label);
    else if (reply.statusCode === 400 || reply.statusCode === 422) {
      const rules = rulesOf(payload);
      if (rules.length > 0) metrics.noticeRejected(label, rules);
    }
    return payload;
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const text = await metrics.scrape();
    return reply.type(metrics.registry.contentType).send(text);
  });
}

export default fp(metricsPlugin, { name: 'herald-metrics', fastify: '5.x', dependencies: ['herald-postgres', 'herald-queues'] });
