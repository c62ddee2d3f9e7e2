import type pg from 'pg';
import { CHAINED_COLUMNS, type ChainedRow } from './rows.ts';

/** A sealed record as stored, content included. Seal columns may be null only if someone tampered. */
export interface SealedRow extends ChainedRow {
  seq: number | string;
  prev_hash: Buffer | null;
  hash: Buffer | null;
  content: Buffer;
}

interface SealedHeader extends Omit<SealedRow, 'content'> {
  content_length: number;
}

/** Content bytes fetched per round trip: a batch of large PDFs must not all sit in memory at once. */
const CONTENT_BYTES_PER_FETCH = 32 * 2 ** 20;

/**
 * A tenant's sealed records in seq order, `batchSize` headers per query (keyset on the
 * (tenant_id, seq) index, so the millionth batch costs what the first does), their contents fetched
 * in groups of at most CONTENT_BYTES_PER_FETCH (one record alone if it is larger). Memory stays
 * bounded by one batch of headers plus one group of contents, whatever the archive's size.
 */
export async function* sealedRecords(pool: pg.Pool, tenantId: string, batchSize: number): AsyncGenerator<SealedRow> {
  let after = 0;
  for (;;) {
    const { rows } = await pool.query<SealedHeader>(
      `SELECT ${CHAINED_COLUMNS}, seq, prev_hash, hash, octet_length(content) AS content_length
       FROM archive_records
       WHERE tenant_id = $1 AND seq > $2
       ORDER BY seq LIMIT $3`,
      [tenantId, after, batchSize],
    );
    for (const group of byContentSize(rows)) {
      const contents = await fetchContents(pool, group);
      for (const header of group) {
        // A record deleted between the two queries reads as empty content: verify then names it.
        yield { ...header, content: contents.get(String(header.id)) ?? Buffer.alloc(0) };
      }
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < batchSize) return;
    after = Number(last.seq);
  }
}

function* byContentSize(rows: SealedHeader[]): Generator<SealedHeader[]> {
  let group: SealedHeader[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (group.length > 0 && bytes + row.content_length > CONTENT_BYTES_PER_FETCH) {
      yield group;
      group = [];
      bytes = 0;
    }
    group.push(row);
    bytes += row.content_length;
  }
  if (group.length > 0) yield group;
}

async function fetchContents(pool: pg.Pool, group: SealedHeader[]): Promise<Map<string, Buffer>> {
  const { rows } = await pool.query<{ id: number | string; content: Buffer }>(
    'SELECT id, content FROM archive_records WHERE id = ANY($1::bigint[])',
    [group.map((r) => String(r.id))],
  );
  return new Map(rows.map((r) => [String(r.id), r.content]));
}
