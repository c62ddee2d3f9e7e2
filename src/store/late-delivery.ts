import type pg from 'pg';
import { OUTBOX_CHANNEL } from './notices.ts';
import { deliveredColumns, loadPublication, type DeliveredAttempt, type LoadedPublication } from './publications.ts';

/**
 * An attempt that delivered after a withdrawal or a correction took its row from `publishing`: the
 * answer came while the take-down looked and found nothing to take down (a withdrawal), or after the
 * corrected version's page was written at the same address (a correction of a website page), so what
 * went out is up and the row says otherwise. The row learns where it went and goes (back) to
 * `withdrawing`, so a take-down runs again, with the id. A superseded row goes there only when
 * something now speaks for the notice at the address — its current version is out or going out, or
 * the notice is withdrawn — which the take-down restores (withdraw.ts); otherwise the current
 * version's own publication overwrites the page when it goes out, as after any correction, and the
 * row stays `superseded`. Only the claimant's attempt, and only while no id is recorded: a stale
 * worker, or a row that knows its post already, changes nothing — unless the row knows it because
 * its take-down found this very delivery and took it down: then the delivery is recorded (archived
 * as published) and the row stays `withdrawn`. The outbox relay hands
 * `withdrawing` rows to the queues on every pass; the NOTIFY (sent at commit) wakes it at once.
 * Returns the ids that recorded their delivery.
 */
export async function markDeliveredLate(db: pg.PoolClient, done: readonly DeliveredAttempt[]): Promise<Set<string>> {
  if (done.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `WITH u AS (
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS u(id, attempt, external_id, url, at)
     ), moved AS (
       UPDATE publications p
          SET state = CASE WHEN p.state <> 'superseded' OR n.status = 'withdrawn' OR EXISTS (
                             SELECT 1 FROM publications c
                              WHERE c.notice_id = p.notice_id AND c.notice_version = n.current_version AND c.channel = p.channel
                                AND c.target = p.target AND c.state IN ('publishing', 'published'))
                           THEN 'withdrawing' ELSE 'superseded' END,
              external_id = u.external_id, external_url = u.url, published_at = u.at,
              withdrawn_at = NULL, lease_until = NULL, last_error = NULL, updated_at = now()
         FROM u, notices n
        WHERE p.id = u.id AND n.id = p.notice_id AND p.state IN ('withdrawing', 'withdrawn', 'superseded')
          AND p.attempts = u.attempt AND p.external_id IS NULL
       RETURNING p.id
     ), already_down AS (
       -- The take-down read the channel back, found this very delivery and took it down: it went out
       -- (so it is archived as published) and nothing is left to take down.
       SELECT p.id FROM publications p JOIN u ON u.id = p.id
        WHERE p.state = 'withdrawn' AND p.attempts = u.attempt AND p.external_id = u.external_id
     )
     SELECT id FROM moved UNION ALL SELECT id FROM already_down`,
    deliveredColumns(done),
  );
  if (rows.length > 0) await db.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  return new Set(rows.map((r) => r.id));
}

/**
 * What belongs at a superseded publication's address now: the notice's current version's publication
 * on the same channel and target. Null when the publication is itself current, or the notice is
 * withdrawn (then its withdrawn page belongs there).
 */
export async function currentCounterpart(db: pg.Pool, p: LoadedPublication): Promise<LoadedPublication | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT c.id FROM publications c JOIN notices n ON n.id = c.notice_id AND n.current_version = c.notice_version
      WHERE c.notice_id = $1 AND c.channel = $2 AND c.target = COALESCE($3, '') AND n.status <> 'withdrawn' AND c.notice_version > $4`,
    [p.notice.id, p.channel, p.target, p.notice.version],
  );
  const id = rows[0]?.id;
  return id === undefined ? null : loadPublication(db, id);
}
