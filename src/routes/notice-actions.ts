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

async function present(app: FastifyInstance, request: FastifyRequest, id: string): Promise<NoticeView> {
  const entry = tenantOfRequest(app, request);
  return presentNotice(await load(app, request, id), entry.tenant.timeZone, attentionOf(app, entry));
}

/** A second user of the tenant releases a notice awaiting approval, planned again from now. */
export async function approveAs(app: FastifyInstance, request: FastifyRequest, id: string): Promise<NoticeView> {
  const row = await load(app, request, id);
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
  return present(app, request, id);
}

/** Cancels what is not out yet, takes down what is, and archives why. */
export async function withdrawAs(app: FastifyInstance, request: FastifyRequest, id: string, reason: string): Promise<NoticeView> {
  const row = await load(app, request, id);
  mayChange(request, row, 'withdraw this notice');
  if (row.status === 'withdrawn') throw new NoticeStateConflict('withdraw', 'withdrawn');
  const withdrawn = await withdrawNotice(app.pg, {
    tenantId: request.principal.tenantId,
    id: row.id,
    reason,
    by: { id: request.principal.userId, name: request.principal.userName },
    ruleVersion: row.ruleVersion,
  });
  if (!withdrawn) throw new NoticeStateConflict('withdraw', 'withdrawn');
  request.log.info({ event: 'notice.withdrawn', noticeId: row.id }, 'notice withdrawn');
  return present(app, request, id);
}

/** A new version, re-checked against the rules and republished; both versions are archived. */
export async function correctAs(app: FastifyInstance, request: FastifyRequest, id: string, input: NoticeInput): Promise<NoticeView> {
  const row = await load(app, request, id);
  mayChange(request, row, 'correct this notice');
  if (row.status === 'withdrawn') throw new NoticeStateConflict('correct', 'withdrawn');
  if (input.type !== row.type) throw invalidRequest('/type', `a correction keeps the type (${row.type})`, 'notice.type_changed');
  const { rules, assessment } = assessForRequest(app, request, input);
  if (assessment.errors.length > 0) throw rejected(assessment.errors);
  const corrected = await correctNotice(app.pg, {
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
  if (!corrected) throw new NoticeStateConflict('correct', 'changed meanwhile');
  request.log.info({ event: 'notice.corrected', noticeId: row.id, version: row.version + 1 }, 'notice corrected');
  return present(app, request, id);
}
