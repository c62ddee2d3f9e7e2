import type pg from 'pg';
import { canonicalBytes, chainHash } from './canonical.ts';
import { sealedRecords, type SealedRow } from './sealed-records.ts';

/** What one stretch of the chain (seqs `from` to `to`) says of itself. */
export interface SegmentResult {
  from: number;
  to: number;
  /** Records found intact from `from` on, before the first bad one. */
  checked: number;
  /** The first bad record inside the stretch; null when all of it holds. */
  bad: { seq: number; reason: string } | null;
  /** prev_hash of record `from`: the stretch before must end with that hash. Null when unread. */
  firstPrev: Buffer | null;
  /** hash of the last record read. */
  lastHash: Buffer | null;
}

function missing(expected: number, found: number | null): string {
  const gap = found === null || found === expected + 1 ? `Record ${expected} is missing` : `Records ${expected} to ${found - 1} are missing`;
  if (found === null) return `${gap}: the chain ends at seq ${expected - 1}.`;
  return expected === 1 ? `${gap}: the chain starts at seq ${found}.` : `${gap}: the chain goes from seq ${expected - 1} to seq ${found}.`;
}

/** Why this record breaks the chain, or null if it holds; `prevHash` null skips the link (a stretch's first record). */
export function fault(row: SealedRow, expected: number, prevHash: Buffer | null): string | null {
  const seq = row.seq;
  if (seq > expected) return missing(expected, seq);
  if (seq < expected) return `Record ${seq} appears more than once in the chain.`;
  if (!row.contentIntact) return `The content of record ${seq} does not match its SHA-256: its bytes were changed.`;
  if (row.prevHash === null || row.hash === null) return `Record ${seq} has lost its chain hashes.`;
  if (!chainHash(row.prevHash, canonicalBytes(row)).equals(row.hash)) {
    return `Record ${seq} does not match its chain hash: its metadata or recorded SHA-256 was changed.`;
  }
  if (prevHash !== null && !row.prevHash.equals(prevHash)) return linkFault(seq);
  return null;
}

export function linkFault(seq: number): string {
  return seq === 1
    ? 'Record 1 does not start from the genesis hash: its prev_hash is not 32 zero bytes.'
    : `Record ${seq} does not link to record ${seq - 1}: its prev_hash is not that record's hash.`;
}

/**
 * Checks the records `from`..`to` of a tenant's chain on their own: each one present, its content
 * intact, its hash its own, and linked to the one before (`link`: the hash before `from`, or null to
 * leave that first link to whoever joins the stretches).
 */
export async function verifySegment(pool: pg.Pool, tenantId: string, from: number, to: number, link: Buffer | null, batchSize: number): Promise<SegmentResult> {
  let checked = 0;
  let prevHash = link;
  let firstPrev: Buffer | null = null;
  let expected = from;
  for await (const batch of sealedRecords(pool, tenantId, { after: from - 1, until: to }, batchSize)) {
    for (const row of batch) {
      if (expected === from) firstPrev = row.prevHash;
      const reason = fault(row, expected, prevHash);
      if (reason !== null) return { from, to, checked, bad: { seq: Math.min(row.seq, expected), reason }, firstPrev, lastHash: prevHash };
      checked += 1;
      expected += 1;
      prevHash = row.hash;
    }
  }
  if (expected <= to) {
    // The stretch ends early: what comes next in the chain names the gap.
    const { rows } = await pool.query<{ seq: number | null }>('SELECT min(seq) AS seq FROM archive_records WHERE tenant_id = $1 AND seq > $2', [tenantId, expected - 1]);
    return { from, to, checked, bad: { seq: expected, reason: missing(expected, rows[0]?.seq ?? null) }, firstPrev, lastHash: prevHash };
  }
  return { from, to, checked, bad: null, firstPrev, lastHash: prevHash };
}
