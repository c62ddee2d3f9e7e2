import type pg from 'pg';
import { parseSealDocument } from '../seals/statement.ts';

/** One archive record of the notice, as the proof lists it. */
export interface ProofRecord {
  seq: number | null;
  recordedAt: Date;
  noticeVersion: number | null;
  channel: string | null;
  target: string | null;
  event: string;
  contentType: string;
  contentLength: number;
  sha256: Buffer;
  hash: Buffer | null;
  prevHash: Buffer | null;
  receipt: Record<string, unknown> | null;
}

/** The first daily seal signed after a record entered the chain: a third party can check it holds. */
export interface ProofSeal {
  seq: number;
  day: string;
  headSeq: number;
  headHash: string;
  keyId: string;
  signature: string;
}

/** Every archive record of a notice (of this tenant), in chain order, unsealed ones last. */
export async function proofRecords(pool: pg.Pool, tenantId: string, noticeId: string): Promise<ProofRecord[]> {
  const { rows } = await pool.query<ProofRecord>(
    `SELECT r.seq, r.recorded_at AS "recordedAt", r.notice_version AS "noticeVersion", r.channel, NULLIF(p.target, '') AS target,
            r.event, r.content_type AS "contentType", octet_length(r.content) AS "contentLength", r.content_sha256 AS sha256,
            r.hash, r.prev_hash AS "prevHash", r.receipt
       FROM archive_records r LEFT JOIN publications p ON p.id = r.publication_id
      WHERE r.tenant_id = $1 AND r.notice_id = $2
      ORDER BY r.seq NULLS LAST, r.id`,
    [tenantId, noticeId],
  );
  return rows;
}

/** The earliest daily seal whose signed head covers `seq`, or null if none was made since. */
export async function sealCovering(pool: pg.Pool, tenantId: string, seq: number): Promise<ProofSeal | null> {
  const { rows } = await pool.query<{ seq: number; content: Buffer }>(
    `SELECT seq, content FROM archive_records
      WHERE tenant_id = $1 AND event = 'seal' AND seq IS NOT NULL AND (receipt ->> 'seq')::bigint >= $2
      ORDER BY seq LIMIT 1`,
    [tenantId, seq],
  );
  const row = rows[0];
  const doc = row ? parseSealDocument(row.content) : null;
  if (!row || !doc) return null;
  return { seq: row.seq, day: doc.statement.day, headSeq: doc.statement.seq, headHash: doc.statement.hash, keyId: doc.statement.keyId, signature: doc.signature };
}
