import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { presentNotice, type NoticeView } from '../notices/present.ts';
import type { NoticeInput } from '../notices/types.ts';
import { insertNotice, type NoticeRow } from '../store/notices.ts';
import { attentionOf } from './attention.ts';
import { assessForRequest, firstAppearance, publicationRows, rejected } from './notice-context.ts';

/** What the first answer to an Idempotency-Key was, stored with the notice in the same statement. */
export interface IdempotencyRecord {
  key: string;
  requestHash: Buffer;
}

/**
 * Checks `input` against its rule file as the requester, plans it and stores it with its publications
 * in one statement (422 with every failed rule, nothing stored). Null when the idempotency key was
 * taken by a concurrent request meanwhile.
 */
export async function submitNotice(app: FastifyInstance, request: FastifyRequest, input: NoticeInput, idempotency: IdempotencyRecord | null): Promise<NoticeView | null> {
  const { entry, rules, assessment, now } = assessForRequest(app, request, input);
  if (assessment.errors.length > 0) throw rejected(assessment.errors);

  const row: NoticeRow = {
    id: randomUUID(),
    type: input.type,
    status: rules.approval ? 'awaiting_approval' : 'scheduled',
    version: 1,
    publishAt: firstAppearance(assessment.plan),
    content: { ...input, channels: assessment.channels },
    ruleVersion: rules.version,
    warnings: assessment.warnings,
    submittedBy: { id: request.principal.userId, name: request.principal.userName, role: request.principal.role },
    createdAt: now.toJSDate(),
    updatedAt: now.toJSDate(),
    publications: publicationRows(assessment.plan),
  };
  const view = presentNotice(row, entry.tenant.timeZone, attentionOf(app, entry));
  const inserted = await insertNotice(app.pg, {
    id: row.id,
    tenantId: request.principal.tenantId,
    type: row.type,
    status: row.status,
    publishAt: row.publishAt,
    submittedBy: row.submittedBy.id,
    content: row.content,
    ruleVersion: row.ruleVersion,
    warnings: row.warnings,
    publications: row.publications,
    idempotency: idempotency === null ? null : { ...idempotency, statusCode: 201, response: view },
  });
  if (!inserted) return null;
  request.log.info({ event: 'notice.accepted', noticeId: row.id, type: row.type, warnings: row.warnings.length }, 'notice accepted');
  return view;
}
