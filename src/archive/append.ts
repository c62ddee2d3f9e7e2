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

/** Appends several records in one statement; returns their ids in input order. */
export async function appendRecords(db: Db, records: readonly ArchiveRecordInput[]): Promise<number[]> {
  if (records.length === 0) return [];
  const column = <T>(pick: (r: ArchiveRecordInput) => T): T[] => records.map(pick);
  const { rows } = await db.query<{ id: number | string }>(
    // ORDER BY ord makes nextval run in input order, so ascending ids are the input order.
    `INSERT INTO archive_records (tenant_id, notice_id, notice_version, publication_id, channel, event,
                                  content, content_type, content_sha256, rule_version, receipt)
     SELECT tenant_id, notice_id, notice_version, publication_id, channel, event,
            content, content_type, content_sha256, rule_version, receipt
     FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::text[], $6::text[],
                 $7::bytea[], $8::text[], $9::bytea[], $10::text[], $11::jsonb[])
          WITH ORDINALITY AS u(tenant_id, notice_id, notice_version, publication_id, channel, event,
                               content, content_type, content_sha256, rule_version, receipt, ord)
     ORDER BY ord
     RETURNING id`,
    [
      column((r) => r.tenantId),
      column((r) => r.noticeId),
      column((r) => r.noticeVersion),
      column((r) => r.publicationId),
      column((r) => r.channel),
      column((r) => r.event),
      column((r) => r.content),
      column((r) => r.contentType),
      column((r) => sha256(r.content)),
      column((r) => r.ruleVersion),
      column((r) => (r.receipt === null ? null : JSON.stringify(r.receipt))),
    ],
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}
