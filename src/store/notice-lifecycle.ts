import type pg from 'pg';
import { appendRecords } from '../archive/index.ts';
import type { ArchiveRecordInput } from '../archive/index.ts';
import type { ChannelName, NoticeInput } from '../notices/types.ts';
import type { Finding } from '../rules/types.ts';
import type { NewPublication } from './notices.ts';
import { OUTBOX_CHANNEL } from './notices.ts';
import { inTransaction } from './transaction.ts';

interface Replanned {
  channel: ChannelName;
  target: string;
  scheduledAt: Date;
  appearsAt: Date;
  issueDate: string | null;
}

/**
 * A second user of the tenant approves: the notice is released to the outbox with its publications
 * re-planned from the moment of approval. Returns false if it was not awaiting approval (any more)
 * or the approver is the submitter.
 */
export async function approveNotice(
  pool: pg.Pool,
  input: { tenantId: string; id: string; approverId: string; publishAt: Date; plan: Replanned[] },
): Promise<boolean> {
  const { rows } = await pool.query<{ approved: number }>(
    `WITH n AS (
       UPDATE notices SET status = 'scheduled', approved_by = $3, approved_at = now(), publish_at = $4, updated_at = now()
        WHERE id = $1 AND tenant_id = $2 AND status = 'awaiting_approval' AND submitted_by <> $3
       RETURNING id, current_version
     ), p AS (
       UPDATE publications p
          SET scheduled_at = x."scheduledAt", appears_at = x."appearsAt", issue_date = x."issueDate", updated_at = now()
         FROM n, jsonb_to_recordset($5) AS x(channel text, target text, "scheduledAt" timestamptz, "appearsAt" timestamptz, "issueDate" date)
        WHERE p.notice_id = n.id AND p.notice_version = n.current_version AND p.channel = x.channel AND p.target = x.target
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM n) AS approved, (SELECT count(*) FROM p) AS replanned, pg_notify('${OUTBOX_CHANNEL}', '') AS notified`,
    [input.id, input.tenantId, input.approverId, input.publishAt, JSON.stringify(input.plan)],
  );
  return rows[0]?.approved === 1;
}

interface StateChange {
  id: string;
  channel: ChannelName;
  state: string;
  notice_version: number;
}

function archiveStateChanges(
  changes: readonly StateChange[],
  base: { tenantId: string; noticeId: string; ruleVersion: string | null },
  event: 'withdrawn' | 'corrected',
  body: Record<string, unknown>,
): ArchiveRecordInput[] {
  return changes.map((c) => ({
    tenantId: base.tenantId,
    noticeId: base.noticeId,
    noticeVersion: c.notice_version,
    publicationId: c.id,
    channel: c.channel,
    event,
    content: Buffer.from(JSON.stringify({ ...body, previousState: c.state })),
    contentType: 'application/json',
    ruleVersion: base.ruleVersion,
    receipt: { at: new Date().toISOString(), previousState: c.state },
  }));
}

/**
 * Withdraws a notice: what is not out yet is cancelled (`withdrawn` at once, archived with the
 * reason); what is out, or going out, becomes `withdrawing` for a worker to take down. One transaction.
 */
export async function withdrawNotice(
  pool: pg.Pool,
  input: { tenantId: string; id: string; reason: string; by: { id: string; name: string }; ruleVersion: string },
): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const notice = await client.query(
      `UPDATE notices SET status = 'withdrawn', withdrawn_at = now(), withdrawal_reason = $3, updated_at = now()
        WHERE id = $1 AND tenant_id = $2 AND status <> 'withdrawn' RETURNING id`,
      [input.id, input.tenantId, input.reason],
    );
    if (notice.rowCount !== 1) return false;
    const cancelled = await client.query<StateChange>(
      `UPDATE publications p SET state = 'withdrawn', withdrawn_at = now(), lease_until = NULL, updated_at = now()
         FROM (SELECT id, state FROM publications WHERE notice_id = $1 AND state IN ('pending', 'scheduled') FOR UPDATE) old
        WHERE p.id = old.id
       RETURNING p.id, p.channel, old.state, p.notice_version`,
      [input.id],
    );
    await client.query(
      `UPDATE publications SET state = 'withdrawing', updated_at = now()
        WHERE notice_id = $1 AND state IN ('publishing', 'published', 'delivered')`,
      [input.id],
    );
    // A corrected notice whose new version has not gone out yet still shows the old version's page at
    // the address the versions share (the website's: channels' sharedAddress): that page comes down too.
    await client.query(
      `UPDATE publications s SET state = 'withdrawing', updated_at = now()
        WHERE s.notice_id = $1 AND s.channel = 'website' AND s.state = 'superseded' AND s.external_id IS NOT NULL
          AND s.notice_version = (SELECT max(o.notice_version) FROM publications o
                                   WHERE o.notice_id = s.notice_id AND o.channel = s.channel AND o.target = s.target AND o.external_id IS NOT NULL)`,
      [input.id],
    );
    await appendRecords(
      client,
      archiveStateChanges(cancelled.rows, { tenantId: input.tenantId, noticeId: input.id, ruleVersion: input.ruleVersion }, 'withdrawn', {
        withdrawn: true,
        reason: input.reason,
        by: input.by,
        cancelledBeforePublication: true,
      }),
    );
    await client.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    return true;
  });
}

/**
 * A correction: a new version, re-checked by the caller, replaces the current one. The old version's
 * publications are superseded (archived as `corrected`; a published website page is overwritten by
 * the new version's, a Facebook post is taken down), the new version's publications go to the outbox.
 * One transaction.
 */
export async function correctNotice(
  pool: pg.Pool,
  input: {
    tenantId: string;
    id: string;
    expectedVersion: number;
    status: 'scheduled' | 'awaiting_approval';
    publishAt: Date;
    content: NoticeInput;
    ruleVersion: string;
    warnings: Finding[];
    by: { id: string; name: string };
    publications: NewPublication[];
  },
): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const next = input.expectedVersion + 1;
    const notice = await client.query(
      `UPDATE notices SET current_version = $3, status = $4, publish_at = $5, approved_by = NULL, approved_at = NULL, updated_at = now()
        WHERE id = $1 AND tenant_id = $2 AND current_version = $6 AND status <> 'withdrawn' RETURNING id`,
      [input.id, input.tenantId, next, input.status, input.publishAt, input.expectedVersion],
    );
    if (notice.rowCount !== 1) return false;
    await client.query(
      `INSERT INTO notice_versions (notice_id, version, tenant_id, content, rule_version, warnings, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [input.id, next, input.tenantId, input.content, input.ruleVersion, JSON.stringify(input.warnings), input.by.id],
    );
    // A Facebook post that is out (or going out) would stay on the Page beside the corrected one:
    // it is taken down (`withdrawing`). A website page is overwritten at its address; a printed ad
    // cannot be unprinted (the newspaper correction route handles that).
    const superseded = await client.query<StateChange>(
      `UPDATE publications p
          SET state = CASE WHEN p.channel = 'facebook' AND old.state IN ('publishing', 'published') THEN 'withdrawing' ELSE 'superseded' END,
              lease_until = NULL, updated_at = now()
         FROM (SELECT id, state FROM publications WHERE notice_id = $1 AND notice_version = $2
                 AND state IN ('pending', 'scheduled', 'publishing', 'published', 'delivered') FOR UPDATE) old
        WHERE p.id = old.id
       RETURNING p.id, p.channel, old.state, p.notice_version`,
      [input.id, input.expectedVersion],
    );
    await client.query(
      `INSERT INTO publications (id, tenant_id, notice_id, notice_version, channel, target, scheduled_at, appears_at, issue_date)
       SELECT x.id, $2, $1, $3, x.channel, x.target, x."scheduledAt", x."appearsAt", x."issueDate"
         FROM jsonb_to_recordset($4) AS x(id uuid, channel text, target text, "scheduledAt" timestamptz, "appearsAt" timestamptz, "issueDate" date)`,
      [input.id, input.tenantId, next, JSON.stringify(input.publications)],
    );
    await appendRecords(
      client,
      archiveStateChanges(superseded.rows, { tenantId: input.tenantId, noticeId: input.id, ruleVersion: input.ruleVersion }, 'corrected', {
        supersededBy: next,
        by: input.by,
      }),
    );
    await client.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    return true;
  });
}
