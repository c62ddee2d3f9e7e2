import type pg from 'pg';
import { OUTBOX_CHANNEL } from './notices.ts';
import type { AttemptRef } from './publications.ts';

/**
 * An attempt that delivered after a withdrawal (or a correction) took its row from `publishing`:
 * the answer came while the take-down looked and found nothing to take down, so the post is up and
 * the row says otherwise. The row learns where the post is and goes (back) to `withdrawing`, so the
 * take-down runs again, with the id. Only the claimant's attempt, and only while no id is recorded:
 * a stale worker, or a row that knows its post already, changes nothing. The outbox relay hands
 * `withdrawing` rows to the queues on every pass; the NOTIFY (sent at commit) wakes it at once.
 * Returns the ids moved.
 */
export async function markDeliveredAfterWithdrawal(
  db: pg.PoolClient,
  done: readonly (AttemptRef & { receipt: { externalId: string | null; url: string | null; at: Date } })[],
): Promise<Set<string>> {
  if (done.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `UPDATE publications p SET state = 'withdrawing', external_id = u.external_id, external_url = u.url, published_at = u.at,
            withdrawn_at = NULL, lease_until = NULL, last_error = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS u(id, attempt, external_id, url, at)
      WHERE p.id = u.id AND p.state IN ('withdrawing', 'withdrawn') AND p.attempts = u.attempt AND p.external_id IS NULL
      RETURNING p.id`,
    [done.map((d) => d.id), done.map((d) => d.attempt), done.map((d) => d.receipt.externalId), done.map((d) => d.receipt.url), done.map((d) => d.receipt.at)],
  );
  if (rows.length > 0) await db.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  return new Set(rows.map((r) => r.id));
}
