import type pg from 'pg';
import type { ChannelName, NoticeInput, NoticeType, Role } from '../notices/types.ts';
import type { Finding } from '../rules/types.ts';

/** The NOTIFY channel the outbox relay listens on. */
export const OUTBOX_CHANNEL = 'herald_outbox';

export type NoticeStatus = 'awaiting_approval' | 'scheduled' | 'published' | 'withdrawn';

export interface NewPublication {
  id: string;
  channel: ChannelName;
  target: string;
  scheduledAt: Date;
  appearsAt: Date;
  issueDate: string | null;
}

export interface NewNotice {
  id: string;
  tenantId: string;
  type: NoticeType;
  status: NoticeStatus;
  publishAt: Date;
  submittedBy: string;
  content: NoticeInput;
  ruleVersion: string;
  warnings: Finding[];
  publications: NewPublication[];
  /** Stored with the notice, in the same statement, so a retried request replays this answer. */
  idempotency: { key: string; requestHash: Buffer; statusCode: number; response: unknown } | null;
}

/**
 * Inserts the notice, its first version, its planned publications and the idempotency answer as ONE
 * statement (one round trip, atomic: the transactional outbox of principle 1).
 * Returns false when the Idempotency-Key was taken meanwhile by a concurrent request (nothing written).
 *   $1 id, $2 tenant, $3 type, $4 status, $5 publish_at, $6 submitted_by, $7 content, $8 rule_version,
 *   $9 warnings, $10 idempotency key|null, $11 request hash, $12 status code, $13 response, $14 publications
 */
const INSERT_NOTICE = `
WITH idem AS (
  INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response)
  SELECT $2, $10, $11, $12, $13 WHERE $10::text IS NOT NULL
  ON CONFLICT (tenant_id, key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code,
        response = EXCLUDED.response, created_at = now()
    WHERE idempotency_keys.created_at < now() - interval '24 hours'
  RETURNING 1
), n AS (
  INSERT INTO notices (id, tenant_id, type, status, current_version, publish_at, submitted_by)
  SELECT $1, $2, $3, $4, 1, $5, $6 WHERE $10::text IS NULL OR EXISTS (SELECT 1 FROM idem)
  RETURNING id
), v AS (
  INSERT INTO notice_versions (notice_id, version, tenant_id, content, rule_version, warnings, created_by)
  SELECT id, 1, $2, $7, $8, $9, $6 FROM n
  RETURNING notice_id
), p AS (
  INSERT INTO publications (id, tenant_id, notice_id, notice_version, channel, target, scheduled_at, appears_at, issue_date)
  SELECT x.id, $2, v.notice_id, 1, x.channel, x.target, x."scheduledAt", x."appearsAt", x."issueDate"
    FROM v, jsonb_to_recordset($14) AS x(id uuid, channel text, target text, "scheduledAt" timestamptz,
                                          "appearsAt" timestamptz, "issueDate" date)
  RETURNING 1
)
SELECT (SELECT count(*) FROM n) AS notices, (SELECT count(*) FROM p) AS publications,
       -- Wakes the workers' outbox relay when this commits (PostgreSQL sends NOTIFY at commit only).
       pg_notify('${OUTBOX_CHANNEL}', '') AS notified`;

export async function insertNotice(pool: pg.Pool, notice: NewNotice): Promise<boolean> {
  const idem = notice.idempotency;
  const { rows } = await pool.query<{ notices: number }>({
    name: 'insert-notice',
    text: INSERT_NOTICE,
    values: [
      notice.id,
      notice.tenantId,
      notice.type,
      notice.status,
      notice.publishAt,
      notice.submittedBy,
      notice.content,
      notice.ruleVersion,
      JSON.stringify(notice.warnings),
      idem?.key ?? null,
      idem?.requestHash ?? null,
      idem?.statusCode ?? null,
      idem ? JSON.stringify(idem.response) : null,
      JSON.stringify(notice.publications),
    ],
  });
  return rows[0]?.notices === 1;
}

export interface StoredAnswer {
  requestHash: Buffer;
  statusCode: number;
  response: unknown;
}

/** The first answer given for this key in the last 24 hours, if any. */
export async function findIdempotentAnswer(pool: pg.Pool, tenantId: string, key: string): Promise<StoredAnswer | null> {
  const { rows } = await pool.query<StoredAnswer>({
    name: 'find-idempotent-answer',
    text: `SELECT request_hash AS "requestHash", status_code AS "statusCode", response
             FROM idempotency_keys
            WHERE tenant_id = $1 AND key = $2 AND created_at >= now() - interval '24 hours'`,
    values: [tenantId, key],
  });
  return rows[0] ?? null;
}

export interface PublicationRow {
  id: string;
  channel: ChannelName;
  target: string;
  state: string;
  scheduledAt: Date;
  appearsAt: Date;
  issueDate: string | null;
  attempts: number;
  externalId: string | null;
  externalUrl: string | null;
  lastError: unknown;
  /** When the channel took it (a newspaper ad handed to the paper); null if never. */
  deliveredAt: Date | null;
  withdrawnAt: Date | null;
}

export interface NoticeRow {
  id: string;
  type: NoticeType;
  status: NoticeStatus;
  version: number;
  publishAt: Date;
  content: NoticeInput;
  ruleVersion: string;
  warnings: Finding[];
  submittedBy: { id: string; name: string; role: Role };
  createdAt: Date;
  updatedAt: Date;
  publications: PublicationRow[];
}

const NOTICE_COLUMNS = `
  n.id, n.type, n.status, n.current_version AS version, n.publish_at AS "publishAt", v.content,
  v.rule_version AS "ruleVersion", v.warnings, json_build_object('id', u.id, 'name', u.name, 'role', u.role) AS "submittedBy",
  n.created_at AS "createdAt", n.updated_at AS "updatedAt",
  COALESCE((SELECT json_agg(json_build_object(
      'id', p.id, 'channel', p.channel, 'target', p.target, 'state', p.state,
      'scheduledAt', p.scheduled_at, 'appearsAt', p.appears_at, 'issueDate', p.issue_date,
      'attempts', p.attempts, 'externalId', p.external_id, 'externalUrl', p.external_url,
      'lastError', p.last_error, 'deliveredAt', p.delivered_at, 'withdrawnAt', p.withdrawn_at) ORDER BY p.scheduled_at, p.channel, p.target)
    FROM publications p WHERE p.notice_id = n.id AND p.notice_version = n.current_version), '[]') AS publications
  FROM notices n
  JOIN notice_versions v ON v.notice_id = n.id AND v.version = n.current_version
  JOIN users u ON u.id = n.submitted_by`;

/** JSON aggregation returns timestamps as strings; the API layer wants Dates. */
function revive(row: NoticeRow): NoticeRow {
  for (const p of row.publications) {
    p.scheduledAt = new Date(p.scheduledAt);
    p.appearsAt = new Date(p.appearsAt);
    p.deliveredAt = p.deliveredAt === null ? null : new Date(p.deliveredAt);
    p.withdrawnAt = p.withdrawnAt === null ? null : new Date(p.withdrawnAt);
  }
  return row;
}

/** A notice of this tenant, or null: another tenant's notice is indistinguishable from none. */
export async function findNotice(pool: pg.Pool, tenantId: string, id: string): Promise<NoticeRow | null> {
  const { rows } = await pool.query<NoticeRow>({
    name: 'find-notice',
    text: `SELECT ${NOTICE_COLUMNS} WHERE n.tenant_id = $1 AND n.id = $2`,
    values: [tenantId, id],
  });
  return rows[0] ? revive(rows[0]) : null;
}

export interface NoticeFilter {
  status?: NoticeStatus;
  type?: NoticeType;
  /** Inclusive lower bound of `publishAt`. */
  from?: Date;
  /** Exclusive upper bound of `publishAt`. */
  to?: Date;
  /** Continue after this (publishAt, id). */
  after?: { publishAt: Date; id: string };
  limit: number;
}

/** Notices of one tenant in (publishAt, id) order, for stable cursor pages. */
export async function listNotices(pool: pg.Pool, tenantId: string, filter: NoticeFilter): Promise<NoticeRow[]> {
  const { rows } = await pool.query<NoticeRow>({
    name: 'list-notices',
    text: `SELECT ${NOTICE_COLUMNS}
            WHERE n.tenant_id = $1
              AND ($2::text IS NULL OR n.status = $2)
              AND ($3::text IS NULL OR n.type = $3)
              AND ($4::timestamptz IS NULL OR n.publish_at >= $4)
              AND ($5::timestamptz IS NULL OR n.publish_at < $5)
              AND ($6::timestamptz IS NULL OR (n.publish_at, n.id) > ($6, $7::uuid))
            ORDER BY n.publish_at, n.id
            LIMIT $8`,
    values: [
      tenantId,
      filter.status ?? null,
      filter.type ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.after?.publishAt ?? null,
      filter.after?.id ?? null,
      filter.limit,
    ],
  });
  return rows.map(revive);
}
