import type pg from 'pg';
import type { ClaimRefusal } from './publications.ts';

/** A publication claimed into a batch: its new attempt, and what an earlier attempt left. */
export interface BatchClaim {
  id: string;
  attempt: number;
  attemptStartedAt: Date;
  /** 'publishing': an earlier attempt's outcome is unknown; `previousBatch` says which batch it tried. */
  previousState: 'pending' | 'scheduled' | 'publishing';
  previousBatch: string | null;
}

/**
 * Claims, in ONE statement, every due and open newspaper publication booked into the same paper and
 * issue as $1 (of scheduled, current notice versions), for one worker, stamping them with a new batch
 * id. A concurrent claim of the same issue waits on the row locks and then finds the rows held, so an
 * issue's ads go out together, once; a booking made after the batch went is claimed on its own later.
 *   $1 publication id, $2 lease in ms, $3 new batch id, $4 the worker's now
 */
const CLAIM_ISSUE = `
WITH me AS (
  SELECT tenant_id, target, issue_date FROM publications WHERE id = $1 AND channel = 'newspaper'
), candidates AS (
  SELECT p.id, p.state, p.batch_id
    FROM publications p
    JOIN me ON p.tenant_id = me.tenant_id AND p.target = me.target AND p.issue_date = me.issue_date
    JOIN notices n ON n.id = p.notice_id
   WHERE p.channel = 'newspaper' AND n.status = 'scheduled' AND n.current_version = p.notice_version
     AND p.scheduled_at <= $4::timestamptz
     AND (p.state IN ('pending', 'scheduled') OR (p.state = 'publishing' AND (p.lease_until IS NULL OR p.lease_until < now())))
   ORDER BY p.id
     FOR UPDATE OF p
)
UPDATE publications p
   SET state = 'publishing', attempts = p.attempts + 1, attempt_started_at = now(),
       lease_until = now() + $2 * interval '1 millisecond', batch_id = $3, updated_at = now()
  FROM candidates c
 WHERE p.id = c.id
RETURNING p.id, p.attempts AS attempt, p.attempt_started_at AS "attemptStartedAt",
          c.state AS "previousState", c.batch_id AS "previousBatch"`;

/** Why nothing was claimed for $1: the same answers as a single claim. $1 id, $2 the worker's now. */
const WHY_NOT = `
SELECT p.state, n.status AS notice_status, (n.current_version = p.notice_version) AS is_current,
       (p.lease_until > now()) AS held,
       (extract(epoch FROM p.lease_until - now()) * 1000)::float8 AS lease_left_ms,
       (extract(epoch FROM p.scheduled_at - $2::timestamptz) * 1000)::float8 AS due_in_ms
  FROM publications p JOIN notices n ON n.id = p.notice_id
 WHERE p.id = $1`;

export async function claimIssueBatch(pool: pg.Pool, publicationId: string, opts: { leaseMs: number; batchId: string; now: Date }): Promise<BatchClaim[] | ClaimRefusal> {
  const { rows } = await pool.query<BatchClaim>({ name: 'claim-issue-batch', text: CLAIM_ISSUE, values: [publicationId, opts.leaseMs, opts.batchId, opts.now] });
  if (rows.length > 0) return rows;
  const why = await pool.query<{ state: string; notice_status: string; is_current: boolean; held: boolean | null; lease_left_ms: number | null; due_in_ms: number }>({
    name: 'why-not-claimed',
    text: WHY_NOT,
    values: [publicationId, opts.now],
  });
  const row = why.rows[0];
  if (!row) return { refused: 'missing' };
  if (!['pending', 'scheduled', 'publishing'].includes(row.state)) return { refused: 'finished' };
  if (row.notice_status !== 'scheduled' || !row.is_current) return { refused: 'notice-not-scheduled' };
  if (row.state === 'publishing' && row.held && row.lease_left_ms !== null) return { refused: 'held', retryInMs: row.lease_left_ms };
  if (row.due_in_ms > 0) return { refused: 'not-due', retryInMs: row.due_in_ms };
  // Due and open, yet not claimed: a concurrent claim took it between the two statements.
  return { refused: 'held', retryInMs: 100 };
}

type Attempt = { id: string; attempt: number };

const ids = (claims: readonly Attempt[]): string[] => claims.map((c) => c.id);
const attempts = (claims: readonly Attempt[]): number[] => claims.map((c) => c.attempt);

/** Only the claimant's attempt moves a row: a stale worker whose lease was taken over changes nothing. Returns the ids moved. */
export async function markBatchDelivered(
  db: pg.PoolClient,
  claims: readonly Attempt[],
  delivery: { batchId: string; externalId: string; at: Date },
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE publications p SET state = 'delivered', delivered_at = $3, external_id = $4, batch_id = $5,
            lease_until = NULL, last_error = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS c(id, attempt)
      WHERE p.id = c.id AND p.state = 'publishing' AND p.attempts = c.attempt
      RETURNING p.id`,
    [ids(claims), attempts(claims), delivery.at, delivery.externalId, delivery.batchId],
  );
  return rows.map((r) => r.id);
}

/**
 * The batch reached the paper with ads whose rows a withdrawal (or a correction) took from
 * `publishing` while it was being sent: the ad WAS delivered, so the row records where and when
 * (and its follow-up, pull or correction, applies) while keeping its state — the withdrawal's pull
 * note is already in the issue folder, or on its way. Only this attempt's rows. Returns the ids.
 */
export async function markBatchDeliveredLate(
  db: pg.PoolClient,
  claims: readonly Attempt[],
  delivery: { batchId: string; externalId: string; at: Date },
): Promise<string[]> {
  if (claims.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `UPDATE publications p SET delivered_at = $3, external_id = $4, batch_id = $5, lease_until = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS c(id, attempt)
      WHERE p.id = c.id AND p.state IN ('withdrawing', 'withdrawn', 'superseded') AND p.attempts = c.attempt AND p.delivered_at IS NULL
      RETURNING p.id`,
    [ids(claims), attempts(claims), delivery.at, delivery.externalId, delivery.batchId],
  );
  return rows.map((r) => r.id);
}

export async function markBatchFailed(db: pg.PoolClient, claims: readonly Attempt[], error: unknown): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE publications p SET state = 'failed', lease_until = NULL, last_error = $3, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS c(id, attempt)
      WHERE p.id = c.id AND p.state = 'publishing' AND p.attempts = c.attempt
      RETURNING p.id`,
    [ids(claims), attempts(claims), JSON.stringify(error)],
  );
  return rows.map((r) => r.id);
}

/**
 * Extends the claimant's leases on the rows it still holds (state `publishing`, its attempt) by
 * `leaseMs`. Returns the ids it still holds: a row missing was taken over by another worker.
 */
export async function renewBatchLeases(pool: pg.Pool, claims: readonly Attempt[], leaseMs: number): Promise<Set<string>> {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE publications p SET lease_until = now() + $3 * interval '1 millisecond'
       FROM unnest($1::uuid[], $2::int[]) AS c(id, attempt)
      WHERE p.id = c.id AND p.state = 'publishing' AND p.attempts = c.attempt
      RETURNING p.id`,
    [ids(claims), attempts(claims), leaseMs],
  );
  return new Set(rows.map((r) => r.id));
}

/** After a failed attempt that will be retried: release the leases, keep the error; the state stays `publishing` (outcome unknown). */
export async function releaseBatchAfterError(pool: pg.Pool, claims: readonly Attempt[], error: unknown): Promise<void> {
  await pool.query(
    `UPDATE publications p SET lease_until = NULL, last_error = $3, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS c(id, attempt)
      WHERE p.id = c.id AND p.state = 'publishing' AND p.attempts = c.attempt`,
    [ids(claims), attempts(claims), JSON.stringify(error)],
  );
}
