import type pg from 'pg';
import { sha256 } from './canonical.ts';
import type { ArchiveRecordInput } from './record.ts';

type Db = pg.Pool | pg.PoolClient;

/**
 * Appends one record: a plain INSERT, no lock, so workers never wait on each other (principle 3).
 * The sealer gives it its place in the chain later. Pass a PoolClient to append inside the
 * transaction that moves the publication's state. Returns the record's id.
 */
export async function appendRecord(db: Db, record: ArchiveRecordInput): Promise<number> {
  const [id] = await appendRecords(db, [record]);
  if (id === undefined) throw new Error('archive INSERT returned no id');
  return id;
}

const COLUMNS = [
  'tenant_id',
  'notice_id',
  'notice_version',
  'publication_id',
  'channel',
  'event',
  'content',
  'content_type',
  'content_sha256',
  'rule_version',
  'receipt',
] as const;

/** Rows per statement: PostgreSQL takes at most 65,535 parameters. */
const ROWS_PER_STATEMENT = 1000;

function valuesOf(r: ArchiveRecordInput): unknown[] {
  return [
    r.tenantId,
    r.noticeId,
    r.noticeVersion,
    r.publicationId,
    r.channel,
    r.event,
    r.content,
    r.contentType,
    sha256(r.content),
    r.ruleVersion,
    r.receipt === null ? null : JSON.stringify(r.receipt),
  ];
}

/**
 * Appends several records, a thousand per statement; returns their ids in input order. One
 * parameter per value, not one array per column: pg sends a Buffer parameter as binary, but writes
 * a bytea[] array out as hex text, which doubled every page's bytes and cost more than the INSERT.
 */
export async function appendRecords(db: Db, records: readonly ArchiveRecordInput[]): Promise<number[]> {
  const ids: number[] = [];
  for (let from = 0; from < records.length; from += ROWS_PER_STATEMENT) {
    const chunk = records.slice(from, from + ROWS_PER_STATEMENT);
    const rows = chunk.map((_, i) => `(${COLUMNS.map((_c, j) => `$${i * COLUMNS.length + j + 1}`).join(', ')})`);
    const { rows: inserted } = await db.query<{ id: number | string }>(
      `INSERT INTO archive_records (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')} RETURNING id`,
      chunk.flatMap(valuesOf),
    );
    // Rows of one VALUES list take their ids from the sequence in list order.
    ids.push(...inserted.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}
