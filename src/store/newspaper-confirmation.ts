import type pg from 'pg';
import { appendRecord } from '../archive/index.ts';
import { inTransaction } from './transaction.ts';

export interface NewspaperProof {
  /** The tear sheet PDF, or the confirmation as JSON when only a page number was given. */
  content: Buffer;
  contentType: string;
  receipt: Record<string, unknown>;
}

export type ConfirmOutcome =
  | { outcome: 'confirmed'; publicationId: string }
  | { outcome: 'no-publication' }
  | { outcome: 'which-paper'; targets: string[] }
  | { outcome: 'state'; state: string };

/**
 * The paper's proof that an ad ran: the newspaper publication of the notice's current version (in
 * `target`, needed only when it went to several papers) moves from `delivered` to `published`, and
 * the proof is archived, in one transaction with the row locked, so two confirmations cannot both win.
 */
export async function confirmNewspaperPublication(
  pool: pg.Pool,
  input: { tenantId: string; noticeId: string; target: string | null; at: Date; proof: NewspaperProof },
): Promise<ConfirmOutcome> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string; target: string; state: string; version: number; ruleVersion: string; issueDate: string | null }>(
      `SELECT p.id, p.target, p.state, p.notice_version AS version, v.rule_version AS "ruleVersion",
              to_char(p.issue_date, 'YYYY-MM-DD') AS "issueDate"
         FROM publications p
         JOIN notices n ON n.id = p.notice_id AND n.current_version = p.notice_version
         JOIN notice_versions v ON v.notice_id = p.notice_id AND v.version = p.notice_version
        WHERE n.tenant_id = $1 AND n.id = $2 AND p.channel = 'newspaper' AND ($3::text IS NULL OR p.target = $3)
        ORDER BY p.target
          FOR UPDATE OF p`,
      [input.tenantId, input.noticeId, input.target],
    );
    const row = rows[0];
    if (!row) return { outcome: 'no-publication' };
    if (rows.length > 1) return { outcome: 'which-paper', targets: rows.map((r) => r.target) };
    if (row.state !== 'delivered') return { outcome: 'state', state: row.state };
    await client.query(`UPDATE publications SET state = 'published', published_at = $2, updated_at = now() WHERE id = $1 AND state = 'delivered'`, [row.id, input.at]);
    await appendRecord(client, {
      tenantId: input.tenantId,
      noticeId: input.noticeId,
      noticeVersion: row.version,
      publicationId: row.id,
      channel: 'newspaper',
      event: 'published',
      content: input.proof.content,
      contentType: input.proof.contentType,
      ruleVersion: row.ruleVersion,
      receipt: { ...input.proof.receipt, newspaper: row.target, issueDate: row.issueDate, at: input.at.toISOString() },
    });
    return { outcome: 'confirmed', publicationId: row.id };
  });
}
