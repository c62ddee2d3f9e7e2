import type pg from 'pg';

/** A record as archivists see it in a list or alone (no content bytes: those come from /content). */
export interface RecordView {
  id: number;
  seq: number | null;
  sealedAt: Date | null;
  recordedAt: Date;
  noticeId: string | null;
  noticeVersion: number | null;
  noticeType: string | null;
  title: string | null;
  publicationId: string | null;
  channel: string | null;
  target: string | null;
  event: string;
  contentType: string;
  contentLength: number;
  contentSha256: Buffer;
  ruleVersion: string | null;
  receipt: unknown;
  prevHash: Buffer | null;
  hash: Buffer | null;
}

export interface RecordFilter {
  noticeId?: string;
  type?: string;
  channel?: string;
  event?: string;
  /** recorded_at ≥ from */
  from?: Date;
  /** recorded_at < to */
  to?: Date;
  /** Words in the notice version's title (case-insensitive substring). */
  text?: string;
  /** Continue after this record: sealed records by seq, then unsealed ones by id. */
  after?: { seq: number | null; id: number };
  limit: number;
}

const COLUMNS = `r.id, r.seq, r.sealed_at AS "sealedAt", r.recorded_at AS "recordedAt", r.notice_id AS "noticeId",
  r.notice_version AS "noticeVersion", n.type AS "noticeType", v.content ->> 'title' AS title,
  r.publication_id AS "publicationId", r.channel, NULLIF(p.target, '') AS target, r.event,
  r.content_type AS "contentType", octet_length(r.content) AS "contentLength", r.content_sha256 AS "contentSha256",
  r.rule_version AS "ruleVersion", r.receipt, r.prev_hash AS "prevHash", r.hash
  FROM archive_records r
  LEFT JOIN notices n ON n.id = r.notice_id
  LEFT JOIN notice_versions v ON v.notice_id = r.notice_id AND v.version = r.notice_version
  LEFT JOIN publications p ON p.id = r.publication_id`;

/** `%` and `_` are wildcards in LIKE: a search for "50 %" must find the text, not everything. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * A tenant's records in chain order (seq), records not sealed yet after them by id, so a cursor
 * walk is stable: the sealer only ever adds seqs after the highest one.
 */
export async function searchRecords(pool: pg.Pool, tenantId: string, filter: RecordFilter): Promise<RecordView[]> {
  const { rows } = await pool.query<RecordView>({
    name: 'archive-search',
    text: `SELECT ${COLUMNS}
            WHERE r.tenant_id = $1
              AND ($2::uuid IS NULL OR r.notice_id = $2)
              AND ($3::text IS NULL OR n.type = $3)
              AND ($4::text IS NULL OR r.channel = $4)
              AND ($5::text IS NULL OR r.event = $5)
              AND ($6::timestamptz IS NULL OR r.recorded_at >= $6)
              AND ($7::timestamptz IS NULL OR r.recorded_at < $7)
              AND ($8::text IS NULL OR v.content ->> 'title' ILIKE $8)
              AND ($10::bigint IS NULL
                   OR ($9::bigint IS NOT NULL AND (r.seq > $9 OR r.seq IS NULL))
                   OR ($9::bigint IS NULL AND r.seq IS NULL AND r.id > $10))
            ORDER BY r.seq NULLS LAST, r.id
            LIMIT $11`,
    values: [
      tenantId,
      filter.noticeId ?? null,
      filter.type ?? null,
      filter.channel ?? null,
      filter.event ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.text === undefined ? null : likePattern(filter.text),
      filter.after?.seq ?? null,
      filter.after?.id ?? null,
      filter.limit,
    ],
  });
  return rows;
}

/** One sealed record of the tenant by its seq, or null. */
export async function findRecord(pool: pg.Pool, tenantId: string, seq: number): Promise<RecordView | null> {
  const { rows } = await pool.query<RecordView>({
    name: 'archive-find',
    text: `SELECT ${COLUMNS} WHERE r.tenant_id = $1 AND r.seq = $2`,
    values: [tenantId, seq],
  });
  return rows[0] ?? null;
}

/** The exact bytes of a sealed record, with their type and SHA-256. */
export async function recordContent(pool: pg.Pool, tenantId: string, seq: number): Promise<{ content: Buffer; contentType: string; sha256: Buffer } | null> {
  const { rows } = await pool.query<{ content: Buffer; contentType: string; sha256: Buffer }>({
    name: 'archive-content',
    text: `SELECT content, content_type AS "contentType", content_sha256 AS sha256 FROM archive_records WHERE tenant_id = $1 AND seq = $2`,
    values: [tenantId, seq],
  });
  return rows[0] ?? null;
}
