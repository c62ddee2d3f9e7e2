import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReadOnly, RoleForbidden } from '../errors.ts';
import { sendProblem } from '../plugins/problem.ts';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * A browser cannot add a Bearer header to a page it opens, but it asks for Basic credentials on a
 * 401 that says so: the key goes in the password (any user name). Either form is resolved by the
 * same key check as every other route.
 */
function bearerFromBasic(request: FastifyRequest): void {
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!basic?.[1]) return;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  request.headers.authorization = `Bearer ${decoded.slice(decoded.indexOf(':') + 1)}`;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Whether the request carries the operator key (compared in constant time). */
function isOperator(request: FastifyRequest, operatorKey: string | undefined): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return operatorKey !== undefined && given !== undefined && timingSafeEqual(digest(given), digest(operatorKey));
}

export interface AdminQueueOptions {
  /** HERALD_OPERATOR_KEY: the one credential that opens the dashboard. @defaultValue none: it opens to no one */
  operatorKey?: string;
}

/**
 * `@bull-board/fastify` at /admin/queues: every worker queue's waiting, delayed, active and failed
 * jobs. The queues are shared by all municipalities (one a channel), so their jobs are every
 * municipality's: the dashboard is the deployment operator's, opened by the operator key alone — a
 * municipality's key, its admin's included, is refused. Read-only — PostgreSQL is the truth and the
 * reconciler rebuilds the queues from it, so nothing here needs a hand on the jobs.
 */
export default async function adminQueueRoutes(app: FastifyInstance, opts: AdminQueueOptions): Promise<void> {
  // Refusals are answered here, as problem+json: bull-board's routes have an error handler of their own.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    bearerFromBasic(request);
    if (!isOperator(request, opts.operatorKey)) {
      try {
        await app.authenticate(request);
      } catch (error) {
        const { code, statusCode, message } = error as { code?: string; statusCode?: number; message: string };
        if (statusCode !== 401 || code === undefined) throw error;
        return sendProblem(reply.header('www-authenticate', 'Basic realm="Herald queues", charset="UTF-8"'), request, code, 401, message);
      }
      const forbidden = new RoleForbidden(request.principal.role, "open the queue dashboard (it shows every municipality's jobs: the operator key opens it)");
      return sendProblem(reply, request, forbidden.code, 403, forbidden.message);
    }
    // bull-board's read-only mode hides the buttons but still paused and resumed every queue on a PUT.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const readOnly = new ReadOnly('The queue dashboard');
      return sendProblem(reply.header('allow', 'GET, HEAD'), request, readOnly.code, 405, readOnly.message);
    }
    return undefined;
  });

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [...app.queues.values()].map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Herald queues' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
}
