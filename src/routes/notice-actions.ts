import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFound, NoticeStateConflict, SecondUserRequired } from '../errors.ts';
import { presentNotice, type NoticeView } from '../notices/present.ts';
import type { NoticeInput } from '../notices/types.ts';
import { approveNotice, correctNotice, withdrawNotice } from '../store/notice-lifecycle.ts';
import { findNotice, type NoticeRow } from '../store/notices.ts';
import { attentionOf } from './attention.ts';
import { assessForRequest, firstAppearance, invalidRequest, mayChange, publicationRows, rejected, rulesForSubmitter, tenantOfRequest } from './notice-context.ts';

/*
 * Approve, withdraw and correct as the requester: each re-reads the notice, checks who may act, and
 * changes it in one transaction. The API routes and the web app's forms both call these, so the
 * same person may do the same things, with the same errors, through either.
 */

async function load(app: FastifyInstance, request: FastifyRequest, id: string): Promise<NoticeRow> {
  const row = await findNotice(app.pg, request.principal.tenantId, id);
  if (!row) throw new NotFound(`Notice ${id}`);
  return row;
}

/** Each action's verb as its 409s name it, what it did as its log line does, and what losing a race means. */
const ACTIONS = {
  approve: { done: 'approved', lost: 'no longer awaiting approval' },
  withdraw: { done: 'withdrawn', lost: 'withdrawn' },
  correct: { done: 'corrected', lost: 'changed meanwhile' },
} as const;

/**
 * What every action shares: re-read the notice (404 if the tenant has none by that id); `change`
 * checks who may and changes it in one transaction, answering false when another request changed it
 * first (409); then log it and answer the notice as it now is.
 */
async function act(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  action: keyof typeof ACTIONS,
  change: (row: NoticeRow) => Promise<boolean>,
): Promise<NoticeView> {
  const row = await load(app, request, id);
  const { done, lost } = ACTIONS[action];
  if (!(await change(row))) throw new NoticeStateConflict(action, lost);
  const entry = tenantOfRequest(app, request);
  const view = presentNotice(await load(app, request, id), entry.tenant.timeZone, attentionOf(app, entry));
  request.log.info({ event: `notice.${done}`, noticeId: row.id, version: view.version }, `notice ${done}`);
  return view;
}

/** A second user of the tenant releases a notice awaiting approval, planned again from now. */
export async function approveAs(app: FastifyInstance, request: FastifyRequest, id: string): Promise<NoticeView> {
  return act(app, request, id, 'approve', async (row) => {
    const entry = tenantOfRequest(app, request);
    rulesForSubmitter(entry, request, row.type, `approve ${row.type} notices`);
    if (row.status !== 'awaiting_approval') throw new NoticeStateConflict('approve', row.status);
    if (row.submittedBy.id === request.principal.userId) throw new SecondUserRequired();
    // Approval may come days later: plan and check again from now, so no legal period is cut short.
    const { assessment } = assessForRequest(app, request, row.content);
    if (assessment.errors.length > 0) throw rejected(assessment.errors);
    return approveNotice(app.pg, {
      tenantId: request.principal.tenantId,
      id: row.id,
      approverId: request.principal.userId,
      publishAt: firstAppearance(assessment.plan),
      plan: assessment.plan.map((p) => ({ channel: p.channel, target: p.target ?? '', scheduledAt: p.scheduledAt, appearsAt: p.appearsAt, issueDate: p.issueDate ?? null })),
    });
  });
}

/** Cancels what is not out yet, takes down what is, and archives why. */
export async function withdrawAs(app: FastifyInstance, request: FastifyRequest, id: string, reason: string): Promise<NoticeView> {
  return act(app, request, id, 'withdraw', async (row) => {
    mayChange(request, row, 'withdraw this notice');
    if (row.status === 'withdrawn') throw new NoticeStateConflict('withdraw', 'withdrawn');
    return withdrawNotice(app.pg, {
      tenantId: request.principal.tenantId,
      id: row.id,
      reason,
      by: { id: request.principal.userId, name: request.principal.userName },
      ruleVersion: row.ruleVersion,
    });
  });
}

/** A new version, re-checked against the rules and republished; both versions are archived. */
export async function correctAs(app: FastifyInstance, request: FastifyRequest, id: string, input: NoticeInput): Promise<NoticeView> {
  return act(app, request, id, 'correct', async (row) => {
    mayChange(request, row, 'correct this notice');
    if (row.status === 'withdrawn') throw new NoticeStateConflict('correct', 'withdrawn');
    if (input.type !== row.type) throw invalidRequest('/type', `a correction keeps the type (${row.type})`, 'notice.type_changed');
    const { rules, assessment } = assessForRequest(app, request, input);
    if (assessment.errors.length > 0) throw rejected(assessment.errors);
    return correctNotice(app.pg, {
      tenantId: request.principal.tenantId,
      id: row.id,
      expectedVersion: row.version,
      status: rules.approval ? 'awaiting_approval' : 'scheduled',
      publishAt: firstAppearance(assessment.plan),
      content: { ...input, channels: assessment.channels },
      ruleVersion: rules.version,
      warnings: assessment.warnings,
      by: { id: request.principal.userId, name: request.principal.userName },
      publications: publicationRows(assessment.plan),
    });
  });
}
