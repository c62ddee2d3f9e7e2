import type { FastifyInstance } from 'fastify';
import type { NoticeInput } from '../notices/types.ts';
import { approveAs, correctAs, withdrawAs } from './notice-actions.ts';
import { noticeParams, problemResponses } from './notice-schemas.ts';

const withdrawBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 3, maxLength: 2000 } },
} as const;

/** Approve, withdraw and correct (the logic is in notice-actions.ts, shared with the web app). */
export default async function noticeLifecycleRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { id: string } }>(
    '/notices/:id/approve',
    { schema: { tags: ['notices'], summary: 'A second user releases a notice whose rule file requires approval', params: noticeParams, response: { 200: { $ref: 'Notice#' }, ...problemResponses } } },
    async (request) => approveAs(app, request, request.params.id),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/notices/:id/withdraw',
    { schema: { tags: ['notices'], summary: 'Cancel what is not out yet, take down what is, archive why', params: noticeParams, body: withdrawBody, response: { 200: { $ref: 'Notice#' }, ...problemResponses } } },
    async (request) => withdrawAs(app, request, request.params.id, request.body.reason),
  );

  app.put<{ Params: { id: string }; Body: NoticeInput }>(
    '/notices/:id',
    { schema: { tags: ['notices'], summary: 'Correct a notice: a new version, re-checked and republished; both are archived', params: noticeParams, body: { $ref: 'NoticeInput#' }, response: { 200: { $ref: 'Notice#' }, ...problemResponses } } },
    async (request) => correctAs(app, request, request.params.id, request.body),
  );
}
