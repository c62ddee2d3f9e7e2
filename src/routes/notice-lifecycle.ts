import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFound, NoticeStateConflict, SecondUserRequired } from '../errors.ts';
import { presentNotice } from '../notices/present.ts';
import type { NoticeInput } from '../notices/types.ts';
import { approveNotice, correctNotice, withdrawNotice } from '../store/notice-lifecycle.ts';
import { findNotice, type NoticeRow } from '../store/notices.ts';
import { attentionOf } from './attention.ts';
import { assessForRequest, firstAppearance, invalidRequest, mayChange, publicationRows, rejected, rulesForSubmitter, tenantOfRequest } from './notice-context.ts';
import { noticeParams, problemResponses } from './notice-schemas.ts';

const withdrawBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 3, maxLength: 2000 } },
} as const;

/** Approve, withdraw and correct: each re-reads the notice, checks who may act, and changes it in one transaction. */
export default async function noticeLifecycleRoutes(app: FastifyInstance): Promise<void> {
  async function load(request: FastifyRequest<{ Params: { id: string } }>): Promise<NoticeRow> {
    const row = await findNotice(app.pg, request.principal.tenantId, request.params.id);
    if (!row) throw new NotFound(`Notice ${request.params.id}`);
    return row;
  }
  const present = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const entry = tenantOfRequest(app, request);
    return presentNotice(await load(request), entry.tenant.timeZone, attentionOf(app, entry));
  };

  app.post<{ Params: { id: string } }>(
    '/notices/:id/approve',
    { schema: { tags: ['notices'], summary: 'A second user releases a notice whose rule file requires approval', params: noticeParams, response: { 200: { $ref: 'Notice#' }, ...problemResponses } } },
    async (request) => {
      const row = await load(request);
      const entry = tenantOfRequest(app, request);
      rulesForSubmitter(entry, request, row.type, `approve ${row.type} notices`);
      if (row.status !== 'awaiting_approval') throw new NoticeStateConflict('approve', row.status);
      if (row.submittedBy.id === request.principal.userId) throw new SecondUserRequired();
      // Approval may come days later: plan and check again from now, so no legal period is cut short.
      const { assessment } = assessForRequest(app, request, row.content);
      if (assessment.errors.length > 0) throw rejected(assessment.errors);
      const approved = await approveNotice(app.pg, {
        tenantId: request.principal.tenantId,
        id: row.id,
        approverId: request.principal.userId,
        publishAt: firstAppearance(assessment.plan),
        plan: assessment.plan.map((p) => ({ channel: p.channel, target: p.target ?? '', scheduledAt: p.scheduledAt, appearsAt: p.appearsAt, issueDate: p.issueDate ?? null })),
      });
      if (!approved) throw new NoticeStateConflict('approve', 'no longer awaiting approval');
      request.log.info({ event: 'notice.approved', noticeId: row.id }, 'notice approved');
      return present(request);
    },
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/notices/:id/withdraw',
    { schema: { tags: ['notices'], summary: 'Cancel what is not out yet, take down what is, archive why', params: noticeParams, body: withdrawBody, response: { 200: { $ref: 'Notice#' }, ...problemResponses } } },
    async (request) => {
      const row = await load(request);
      mayChange(request, row, 'withdraw this notice');
      if (row.status === 'withdrawn') throw new NoticeStateConflict('withdraw', 'withdrawn');
      const withdrawn = await withdrawNotice(app.pg, {
        tenantId: request.principal.tenantId,
        id: row.id,
        reason: request.body.reason,
        by: { id: request.principal.userId, name: request.principal.userName },
        ruleVersion: row.ruleVersion,
      });
      if (!withdrawn) throw new NoticeStateConflict('withdraw', 'withdrawn');
      request.log.info({ event: 'notice.withdrawn', noticeId: row.id }, 'notice withdrawn');
      return present(request);
    },
  );

  app.put<{ Params: { id: string }; Body: NoticeInput }>(
    '/notices/:id',
    { schema: { tags: ['notices'], summary: 'Correct a notice: a new version, re-checked and republished; both are archived', params: noticeParams, body: { $ref: 'NoticeInput#' }, response: { 200: { $ref: 'Notice#' }, ...problemResponses } } },
    async (request) => {
      const row = await load(request);
      mayChange(request, row, 'correct this notice');
      if (row.status === 'withdrawn') throw new NoticeStateConflict('correct', 'withdrawn');
      if (request.body.type !== row.type) throw invalidRequest('/type', `a correction keeps the type (${row.type})`, 'notice.type_changed');
      const { rules, assessment } = assessForRequest(app, request, request.body);
      if (assessment.errors.length > 0) throw rejected(assessment.errors);
      const corrected = await correctNotice(app.pg, {
        tenantId: request.principal.tenantId,
        id: row.id,
        expectedVersion: row.version,
        status: rules.approval ? 'awaiting_approval' : 'scheduled',
        publishAt: firstAppearance(assessment.plan),
        content: { ...request.body, channels: assessment.channels },
        ruleVersion: rules.version,
        warnings: assessment.warnings,
        by: { id: request.principal.userId, name: request.principal.userName },
        publications: publicationRows(assessment.plan),
      });
      if (!corrected) throw new NoticeStateConflict('correct', 'changed meanwhile');
      request.log.info({ event: 'notice.corrected', noticeId: row.id, version: row.version + 1 }, 'notice corrected');
      return present(request);
    },
  );
}
