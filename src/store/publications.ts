import type pg from 'pg';
import type { NoticeSnapshot } from '../channels/types.ts';
import type { ChannelName } from '../notices/types.ts';

/** A publication with the notice version it belongs to: what a worker hands a channel. */
export interface LoadedPublication {
  id: string;
  tenantId: string;
  tenantSlug: string;
  channel: ChannelName;
  target: string | null;
  state: string;
  scheduledAt: Date;
  appearsAt: Date;
  issueDate: string | null;
  attempts: number;
  externalId: string | null;
  externalUrl: string | null;
  publishedAt: Date | null;
  withdrawalReason: string | null;
  notice: NoticeSnapshot;
}

/** A publication as a worker sees it after claiming it. */
export interface ClaimedPublication extends LoadedPublication {
  attempt: number;
  attemptStartedAt: Date;
  /** 'publishing' means an earlier attempt's outcome is unknown: look before posting again. */
  previousState: 'pending' | 'scheduled' | 'publishing';
}

/**
 * Why a publication could not be claimed; `retryInMs` says when trying again makes sense — measured
 * on the clock each limit is kept on: a lease on the database's, a due time on the worker's.
 */
export interface ClaimRefusal {
  refused: 'finished' | 'not-due' | 'held' | 'notice-not-scheduled' | 'missing';
  retryInMs?: number;
}

/**
 * Moves a publication to `publishing` for one worker, by a conditional UPDATE under a row lock, so two
 * workers can never both hold it. A lapsed lease (a worker killed mid-call) may be taken over.
 * Whether it is due is judged by the worker's clock; leases by the database's.
 *   $1 publication id, $2 lease in ms, $3 early tolerance in ms, $4 the worker's now
 */
const CLAIM = `
WITH current AS (
  SELECT p.id, p.state, p.lease_until, p.scheduled_at, n.status AS notice_status,
         (n.current_version = p.notice_version) AS is_current
    FROM publications p JOIN notices n ON n.id = p.notice_id
   WHERE p.id = $1
     FOR UPDATE OF p
), claimed AS (
  UPDATE publications p
     SET state = 'publishing', attempts = p.attempts + 1, attempt_started_at = now(),
         lease_until = now() + $2 * interval '1 millisecond', updated_at = now()
    FROM current c
   WHERE p.id = c.id AND c.notice_status = 'scheduled' AND c.is_current
     AND c.scheduled_at <= $4::timestamptz + $3 * interval '1 millisecond'
     AND (c.state IN ('pending', 'scheduled') OR (c.state = 'publishing' AND (c.lease_until IS NULL OR c.lease_until < now())))
  RETURNING p.id, p.attempts, p.attempt_started_at
)
SELECT c.state, c.notice_status, c.is_current, (c.lease_until > now()) AS held,
       (extract(epoch FROM c.lease_until - now()) * 1000)::float8 AS lease_left_ms,
       (extract(epoch FROM c.scheduled_at - $4::timestamptz) * 1000)::float8 AS due_in_ms,
       cl.attempts, cl.attempt_started_at
  FROM current c LEFT JOIN claimed cl ON cl.id = c.id`;

const LOAD = `
SELECT p.id, p.tenant_id AS "tenantId", t.slug AS "tenantSlug", p.channel, NULLIF(p.target, '') AS target, p.state,
       p.scheduled_at AS "scheduledAt", p.appears_at AS "appearsAt", to_char(p.issue_date, 'YYYY-MM-DD') AS "issueDate",
       p.attempts, p.external_id AS "externalId", p.external_url AS "externalUrl", p.published_at AS "publishedAt",
       n.withdrawal_reason AS "withdrawalReason",
       json_build_object('id', n.id, 'version', p.notice_version, 'type', n.type, 'content', v.content,
                         'publishAt', n.publish_at, 'ruleVersion', v.rule_version) AS notice
  FROM publications p
  JOIN notices n ON n.id = p.notice_id
  JOIN notice_versions v ON v.notice_id = p.notice_id AND v.version = p.notice_version
  JOIN tenants t ON t.id = p.tenant_id
 WHERE p.id = $1`;

/** One publication and its notice version, or null. */
export async function loadPublication(db: pg.Pool | pg.PoolClient, id: string): Promise<LoadedPublication | null> {
  const { rows } = await db.query<LoadedPublication>({ name: 'load-publication', text: LOAD, values: [id] });
  const row = rows[0];
  if (!row) return null;
  // JSON aggregation gives the timestamp as a string.
  row.notice.publishAt = new Date(row.notice.publishAt);
  return row;
}

export async function claimPublication(
  pool: pg.Pool,
  id: string,
  opts: { leaseMs: number; earlyToleranceMs: number; now: Date },
): Promise<ClaimedPublication | ClaimRefusal> {
  const { rows } = await pool.query<{
    state: string;
    notice_status: string;
    is_current: boolean;
    held: boolean | null;
    lease_left_ms: number | null;
    due_in_ms: number;
    attempts: number | null;
    attempt_started_at: Date | null;
  }>({ name: 'claim-publication', text: CLAIM, values: [id, opts.leaseMs, opts.earlyToleranceMs, opts.now] });
  const row = rows[0];
  if (!row) return { refused: 'missing' };
  if (row.attempts === null || row.attempt_started_at === null) {
    if (!['pending', 'scheduled', 'publishing'].includes(row.state)) return { refused: 'finished' };
    if (row.notice_status !== 'scheduled' || !row.is_current) return { refused: 'notice-not-scheduled' };
    if (row.state === 'publishing' && row.held && row.lease_left_ms !== null) return { refused: 'held', retryInMs: row.lease_left_ms };
    return { refused: 'not-due', retryInMs: row.due_in_ms };
  }
  const loaded = await loadPublication(pool, id);
  if (!loaded) return { refused: 'missing' };
  return {
    ...loaded,
    attempt: row.attempts,
    attemptStartedAt: row.attempt_started_at,
    previousState: row.state as ClaimedPublication['previousState'],
  };
}

/** Only the claimant's attempt may finish it: a stale worker whose lease was taken over changes nothing. */
export async function markPublished(
  db: pg.PoolClient,
  claim: { id: string; attempt: number },
  receipt: { externalId: string | null; url: string | null; at: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE publications SET state = 'published', external_id = $3, external_url = $4, published_at = $5,
            lease_until = NULL, last_error = NULL, updated_at = now()
      WHERE id = $1 AND state = 'publishing' AND attempts = $2`,
    [claim.id, claim.attempt, receipt.externalId, receipt.url, receipt.at],
  );
  return rowCount === 1;
}

export async function markFailed(db: pg.PoolClient, claim: { id: string; attempt: number }, error: unknown): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE publications SET state = 'failed', lease_until = NULL, last_error = $3, updated_at = now()
      WHERE id = $1 AND state = 'publishing' AND attempts = $2`,
    [claim.id, claim.attempt, JSON.stringify(error)],
  );
  return rowCount === 1;
}

/**
 * After a failed attempt that will be retried: release the lease, keep the error visible. The state
 * stays `publishing`: the outcome is unknown, so the next attempt looks before it delivers again.
 */
export async function releaseAfterError(pool: pg.Pool, claim: { id: string; attempt: number }, error: unknown): Promise<void> {
  await pool.query(
    `UPDATE publications SET lease_until = NULL, last_error = $3, updated_at = now()
      WHERE id = $1 AND state = 'publishing' AND attempts = $2`,
    [claim.id, claim.attempt, JSON.stringify(error)],
  );
}

/** After enqueueing: the publication now has a job. */
export async function markScheduled(db: pg.Pool | pg.PoolClient, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`UPDATE publications SET state = 'scheduled', updated_at = now() WHERE id = ANY($1::uuid[]) AND state = 'pending'`, [ids]);
}

export interface OpenPublication {
  id: string;
  channel: ChannelName;
  scheduledAt: Date;
}

/**
 * Publications that should have a job: of scheduled, current notice versions, not finished. The
 * reconciler pages through them by id.
 */
export async function listOpenPublications(pool: pg.Pool, afterId: string | null, limit: number): Promise<OpenPublication[]> {
  const { rows } = await pool.query<OpenPublication>({
    name: 'list-open-publications',
    text: `SELECT p.id, p.channel, p.scheduled_at AS "scheduledAt"
             FROM publications p JOIN notices n ON n.id = p.notice_id AND n.current_version = p.notice_version
            WHERE p.state IN ('pending', 'scheduled', 'publishing') AND n.status = 'scheduled'
              AND ($1::uuid IS NULL OR p.id > $1)
            ORDER BY p.id LIMIT $2`,
    values: [afterId, limit],
  });
  return rows;
}
