import type pg from 'pg';

/**
 * A sealed record as the verifier reads it: the chained columns (tenant_id is the one asked for),
 * recorded_at already in the canonical form's ISO text, the seal columns (null only if someone
 * tampered), and whether the stored content still hashes to its recorded SHA-256.
 */
export interface SealedRow {
  seq: number;
  tenantId: string;
  noticeId: string | null;
  noticeVersion: number | null;
  publicationId: string | null;
  channel: string | null;
  event: string;
  contentType: string;
  contentSha256: Buffer;
  ruleVersion: string | null;
  receipt: unknown;
  recordedAt: string;
  prevHash: Buffer | null;
  hash: Buffer | null;
  /** pg_catalog.sha256(content) = content_sha256, computed now over the stored bytes. */
  contentIntact: boolean;
}

type Tuple = [number, string | null, number | null, string | null, string | null, string, string, Buffer, string | null, unknown, string, Buffer | null, Buffer | null, boolean];

function batchAfter(pool: pg.Pool, tenantId: string, after: number, until: number, batchSize: number): Promise<pg.QueryArrayResult<Tuple>> {
  // The content is hashed where it lies: the bytes never cross the wire, only whether they still
  // match. pg_catalog is named so no function of another schema can stand in for sha256(). Rows come
  // as arrays and the time as text in toISOString()'s form: parsing is most of a verifier's cost.
  return pool.query<Tuple>({
    name: 'sealed-records-batch',
    rowMode: 'array',
    text: `SELECT seq, notice_id, notice_version, publication_id, channel, event, content_type, content_sha256, rule_version, receipt,
                  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), prev_hash, hash,
                  pg_catalog.sha256(content) = content_sha256
             FROM archive_records
            WHERE tenant_id = $1 AND seq > $2 AND seq <= $3
            ORDER BY seq LIMIT $4`,
    values: [tenantId, after, until, batchSize],
  });
}

function rowOf(tenantId: string, t: Tuple): SealedRow {
  return {
    seq: t[0],
    tenantId,
    noticeId: t[1],
    noticeVersion: t[2],
    publicationId: t[3],
    channel: t[4],
    event: t[5],
    contentType: t[6],
    contentSha256: t[7],
    ruleVersion: t[8],
    receipt: t[9],
    recordedAt: t[10],
    prevHash: t[11],
    hash: t[12],
    contentIntact: t[13],
  };
}

/**
 * A tenant's sealed records after seq `after` up to `until`, in seq order, `batchSize` per query (keyset on the (tenant_id, seq)
 * index, so the millionth batch costs what the first does). The next batch is asked for while this
 * one is checked, so PostgreSQL hashes contents on its core while this process chains on its own.
 * Memory stays bounded by two batches of metadata, whatever the archive's size or its documents'.
 */
export async function* sealedRecords(pool: pg.Pool, tenantId: string, range: { after: number; until: number }, batchSize: number): AsyncGenerator<SealedRow[]> {
  let next: Promise<pg.QueryArrayResult<Tuple>> | null = batchAfter(pool, tenantId, range.after, range.until, batchSize);
  while (next) {
    const { rows }: pg.QueryArrayResult<Tuple> = await next;
    const last = rows.at(-1);
    next = last === undefined || rows.length < batchSize ? null : batchAfter(pool, tenantId, last[0], range.until, batchSize);
    yield rows.map((t) => rowOf(tenantId, t));
  }
}
