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

const LOAD = `
SELECT p.id, p.tenant_id AS "tenantId", t.slug AS "tenantSlug", p.channel, NULLIF(p.target, '') AS target, p.state,
       p.scheduled_at AS "scheduledAt", p.appears_at AS "appearsAt", to_char(p.issue_date, 'YYYY-MM-DD') AS "issueDate",
       p.attempts, p.external_id AS "externalId", p.external_url AS "externalUrl", p.published_at AS "publishedAt",
       CASE WHEN n.status = 'withdrawn' THEN n.withdrawal_reason
            WHEN n.current_version > p.notice_version THEN format('corrected: replaced by version %s', n.current_version)
       END AS "withdrawalReason",
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

/** A claim statement in flight elsewhere holds the row for a moment: look again soon. */
const LOCKED_RETRY_MS = 200;

/**
 * Moves publication $1 to `publishing` for one worker, and with it up to $3 other publications of
 * channel $2 that are due by the worker's clock and have a job waiting (`scheduled`): one round trip
 * claims a whole batch, whose own jobs then find them finished. Conditional UPDATEs under row locks,
 * so two workers can never both hold a publication; a lapsed lease (a worker killed mid-call) may be
 * taken over, but only by the publication's own job. Every lock is SKIP LOCKED: two claims that want
 * each other's rows never wait on each other (no deadlock); a target locked by another claim is
 * reported so the job looks again. Whether it is due is judged by the worker's clock, leases by the
 * database's. Loaded columns are read from before the UPDATE; the claim's own come from RETURNING.
 *   $1 target publication id, $2 channel, $3 how many others to take along, $4 lease in ms, $5 the worker's now
 * Rows: every claimed publication with its notice version (`attempts` set), and the target's row
 * even when it was not claimed (`attempts` null; the refusal columns say why).
 */
const CLAIM_BATCH = `
WITH target AS (
  SELECT p.id, p.state, p.lease_until, p.scheduled_at, n.status AS notice_status,
         (n.current_version = p.notice_version) AS is_current
    FROM publications p JOIN notices n ON n.id = p.notice_id
   WHERE p.id = $1
     FOR UPDATE OF p SKIP LOCKED
), siblings AS (
  SELECT p.id, p.state
    FROM publications p JOIN notices n ON n.id = p.notice_id AND n.current_version = p.notice_version
   WHERE p.state = 'scheduled' AND p.channel = $2 AND p.scheduled_at <= $5::timestamptz
     AND n.status = 'scheduled' AND p.id <> $1
   ORDER BY p.scheduled_at
   LIMIT $3
     FOR UPDATE OF p SKIP LOCKED
), candidates AS (
  SELECT id, state FROM target
   WHERE notice_status = 'scheduled' AND is_current AND scheduled_at <= $5::timestamptz
     AND (state IN ('pending', 'scheduled') OR (state = 'publishing' AND (lease_until IS NULL OR lease_until < now())))
  UNION ALL
  SELECT id, state FROM siblings
), claimed AS (
  UPDATE publications p
     SET state = 'publishing', attempts = p.attempts + 1, attempt_started_at = now(),
         lease_until = now() + $4 * interval '1 millisecond', updated_at = now()
    FROM candidates c
   WHERE p.id = c.id
  RETURNING p.id, p.attempts, p.attempt_started_at, c.state AS previous_state
), wanted AS (
  SELECT id FROM claimed UNION SELECT id FROM target
)
SELECT p.id, p.tenant_id AS "tenantId", t.slug AS "tenantSlug", p.channel, NULLIF(p.target, '') AS target,
       COALESCE(cl.previous_state, p.state) AS state,
       p.scheduled_at AS "scheduledAt", p.appears_at AS "appearsAt", to_char(p.issue_date, 'YYYY-MM-DD') AS "issueDate",
       p.external_id AS "externalId", p.external_url AS "externalUrl", p.published_at AS "publishedAt",
       CASE WHEN n.status = 'withdrawn' THEN n.withdrawal_reason
            WHEN n.current_version > p.notice_version THEN format('corrected: replaced by version %s', n.current_version)
       END AS "withdrawalReason",
       json_build_object('id', n.id, 'version', p.notice_version, 'type', n.type, 'content', v.content,
                         'publishAt', n.publish_at, 'ruleVersion', v.rule_version) AS notice,
       cl.attempts AS attempt, cl.attempt_started_at AS "attemptStartedAt",
       tg.notice_status AS "noticeStatus", tg.is_current AS "isCurrent", (tg.lease_until > now()) AS held,
       (extract(epoch FROM tg.lease_until - now()) * 1000)::float8 AS "leaseLeftMs",
       (extract(epoch FROM tg.scheduled_at - $5::timestamptz) * 1000)::float8 AS "dueInMs"
  FROM wanted w
  JOIN publications p ON p.id = w.id
  JOIN notices n ON n.id = p.notice_id
  JOIN notice_versions v ON v.notice_id = p.notice_id AND v.version = p.notice_version
  JOIN tenants t ON t.id = p.tenant_id
  LEFT JOIN claimed cl ON cl.id = p.id
  LEFT JOIN target tg ON tg.id = p.id`;

type ClaimRow = Omit<LoadedPublication, 'attempts'> & {
  attempt: number | null;
  attemptStartedAt: Date | null;
  noticeStatus: string | null;
  isCurrent: boolean | null;
  held: boolean | null;
  leaseLeftMs: number | null;
  dueInMs: number | null;
};

/** What one claim statement got: the publications now held, and why the target is not among them. */
export interface ClaimedBatch {
  claimed: ClaimedPublication[];
  /** Set when the target publication itself was not claimed. */
  refusal: ClaimRefusal | null;
}

function refusalOf(row: ClaimRow | undefined, exists: boolean): ClaimRefusal {
  if (!row) return exists ? { refused: 'held', retryInMs: LOCKED_RETRY_MS } : { refused: 'missing' };
  if (!['pending', 'scheduled', 'publishing'].includes(row.state)) return { refused: 'finished' };
  if (row.noticeStatus !== 'scheduled' || row.isCurrent !== true) return { refused: 'notice-not-scheduled' };
  if (row.state === 'publishing' && row.held === true && row.leaseLeftMs !== null) return { refused: 'held', retryInMs: row.leaseLeftMs };
  return { refused: 'not-due', retryInMs: row.dueInMs ?? 0 };
}

function claimedOf(row: ClaimRow, attempt: number, attemptStartedAt: Date): ClaimedPublication {
  return {
    id: row.id,
    tenantId: row.tenantId,
    tenantSlug: row.tenantSlug,
    channel: row.channel,
    target: row.target,
    state: row.state,
    scheduledAt: row.scheduledAt,
    appearsAt: row.appearsAt,
    issueDate: row.issueDate,
    attempts: attempt,
    externalId: row.externalId,
    externalUrl: row.externalUrl,
    publishedAt: row.publishedAt,
    withdrawalReason: row.withdrawalReason,
    // JSON aggregation gives the timestamp as a string.
    notice: { ...row.notice, publishAt: new Date(row.notice.publishAt) },
    attempt,
    attemptStartedAt,
    previousState: row.state as ClaimedPublication['previousState'],
  };
}

/** Claims the target publication and up to `others` due publications of its channel: {@link CLAIM_BATCH}. */
export async function claimBatch(
  pool: pg.Pool,
  target: { id: string; channel: ChannelName },
  opts: { others: number; leaseMs: number; now: Date },
): Promise<ClaimedBatch> {
  const { rows } = await pool.query<ClaimRow>({
    name: 'claim-batch',
    text: CLAIM_BATCH,
    values: [target.id, target.channel, opts.others, opts.leaseMs, opts.now],
  });
  const claimed: ClaimedPublication[] = [];
  let targetRow: ClaimRow | undefined;
  for (const row of rows) {
    if (row.id === target.id) targetRow = row;
    if (row.attempt === null || row.attemptStartedAt === null) continue;
    claimed.push(claimedOf(row, row.attempt, row.attemptStartedAt));
  }
  if (claimed.some((c) => c.id === target.id)) return { claimed, refusal: null };
  // No row for the target: it does not exist, or another claim statement has it locked right now.
  const exists = targetRow !== undefined || (await pool.query('SELECT 1 FROM publications WHERE id = $1', [target.id])).rowCount === 1;
  return { claimed, refusal: refusalOf(targetRow, exists) };
}

/** Which attempt of which publication a worker finishes: only the claimant's attempt may. */
export interface AttemptRef {
  id: string;
  attempt: number;
}

/** An attempt that went out, with where and when the channel says it did. */
export type DeliveredAttempt = AttemptRef & { receipt: { externalId: string | null; url: string | null; at: Date } };

/** The parameters of `unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS u(id, attempt, external_id, url, at)`. */
export function deliveredColumns(done: readonly DeliveredAttempt[]): unknown[] {
  return [done.map((d) => d.id), done.map((d) => d.attempt), done.map((d) => d.receipt.externalId), done.map((d) => d.receipt.url), done.map((d) => d.receipt.at)];
}

/**
 * Marks claimed publications published, each with its receipt; returns the ids that moved. Only the
 * claimant's attempt may finish one: a stale worker whose lease was taken over changes nothing.
 */
export async function markPublished(db: pg.PoolClient, done: readonly DeliveredAttempt[]): Promise<Set<string>> {
  if (done.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `UPDATE publications p SET state = 'published', external_id = u.external_id, external_url = u.url, published_at = u.at,
            lease_until = NULL, last_error = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS u(id, attempt, external_id, url, at)
      WHERE p.id = u.id AND p.state = 'publishing' AND p.attempts = u.attempt
      RETURNING p.id`,
    deliveredColumns(done),
  );
  return new Set(rows.map((r) => r.id));
}

/** Sets `state` (and the last error) on the claimants' attempts; returns the ids that moved. */
async function finishAttempts(db: pg.Pool | pg.PoolClient, state: 'failed' | 'publishing', attempts: readonly (AttemptRef & { error: unknown })[]): Promise<Set<string>> {
  if (attempts.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `UPDATE publications p SET state = $1, lease_until = NULL, last_error = u.error, updated_at = now()
       FROM unnest($2::uuid[], $3::int[], $4::jsonb[]) AS u(id, attempt, error)
      WHERE p.id = u.id AND p.state = 'publishing' AND p.attempts = u.attempt
      RETURNING p.id`,
    [state, attempts.map((a) => a.id), attempts.map((a) => a.attempt), attempts.map((a) => JSON.stringify(a.error))],
  );
  return new Set(rows.map((r) => r.id));
}

/** The channel refused for good: these attempts end `failed`, their errors kept. */
export function markFailed(db: pg.PoolClient, attempts: readonly (AttemptRef & { error: unknown })[]): Promise<Set<string>> {
  return finishAttempts(db, 'failed', attempts);
}

/**
 * After failed attempts that will be retried: release the leases, keep the errors visible. The state
 * stays `publishing`: the outcome is unknown, so the next attempt looks before it delivers again.
 */
export async function releaseAfterError(pool: pg.Pool, attempts: readonly (AttemptRef & { error: unknown })[]): Promise<void> {
  await finishAttempts(pool, 'publishing', attempts);
}

/** A take-down attempt that failed: the error stays on the row (still `withdrawing`) until one succeeds. */
export async function noteTakeDownError(db: pg.Pool | pg.PoolClient, id: string, error: unknown): Promise<void> {
  await db.query(`UPDATE publications SET last_error = $2, updated_at = now() WHERE id = $1 AND state = 'withdrawing'`, [id, JSON.stringify(error)]);
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
 * Publications that should have a job in Redis: handed over (`scheduled`, or `publishing` by an
 * attempt whose outcome is open) for scheduled, current notice versions, and not moved since
 * `unchangedSince` (a row moved after a reconcile pass began was just handed over or claimed by a
 * live worker, so its job is there; if Redis loses it later, the next pass finds the row). `pending`
 * ones are the outbox relay's to hand over. The reconciler pages through them by id.
 */
export async function listOpenPublications(pool: pg.Pool, afterId: string | null, limit: number, unchangedSince: Date): Promise<OpenPublication[]> {
  const { rows } = await pool.query<OpenPublication>({
    name: 'list-open-publications',
    text: `SELECT p.id, p.channel, p.scheduled_at AS "scheduledAt"
             FROM publications p JOIN notices n ON n.id = p.notice_id AND n.current_version = p.notice_version
            WHERE p.state IN ('scheduled', 'publishing') AND n.status = 'scheduled'
              AND p.updated_at < $3
              AND ($1::uuid IS NULL OR p.id > $1)
            ORDER BY p.id LIMIT $2`,
    values: [afterId, limit, unchangedSince],
  });
  return rows;
}

/** The database's clock, which `updated_at` is kept on. */
export async function databaseNow(pool: pg.Pool): Promise<Date> {
  const { rows } = await pool.query<{ now: Date }>('SELECT now() AS now');
  const now = rows[0]?.now;
  if (!now) throw new Error('the database gave no time');
  return now;
}
