import type pg from 'pg';
import { canonicalBytes, chainHash, GENESIS_HASH } from './canonical.ts';
import { sealedRecords, type SealedRow } from './sealed-records.ts';

export interface VerifyResult {
  ok: boolean;
  /** Records found intact, in seq order, before the first bad one (all of them when ok). */
  checked: number;
  /** The first seq that is missing, duplicated or altered; null when ok. */
  firstBadSeq: number | null;
  /** One English sentence naming what is wrong; null when ok. */
  reason: string | null;
}

/**
 * Recomputes a tenant's chain from the stored bytes, in seq order (the sealing order, not id order),
 * and stops at the first record that is missing, altered or out of place. Streams in batches of
 * `batchSize`, so a million records need no more memory than one batch. Unsealed records are not
 * part of the chain yet and are not looked at. What no chain can show on its own: records cut off
 * at the end, or a tail rewritten with fresh hashes; that needs the head hash kept somewhere else.
 */
export async function verifyChain(pool: pg.Pool, tenantId: string, options: { batchSize?: number } = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 1000;
  let checked = 0;
  let prevHash: Buffer = GENESIS_HASH;
  for await (const batch of sealedRecords(pool, tenantId, batchSize)) {
    for (const row of batch) {
      const expected = checked + 1;
      const reason = fault(row, expected, prevHash);
      if (reason !== null) {
        const seq = row.seq;
        return { ok: false, checked, firstBadSeq: seq > expected ? expected : seq, reason };
      }
      checked = expected;
      prevHash = row.hash ?? GENESIS_HASH;
    }
  }
  return { ok: true, checked, firstBadSeq: null, reason: null };
}

/** Why this record breaks the chain, or null if it holds. */
function fault(row: SealedRow, expected: number, prevHash: Buffer): string | null {
  const seq = row.seq;
  if (seq > expected) {
    const missing = seq === expected + 1 ? `Record ${expected} is missing` : `Records ${expected} to ${seq - 1} are missing`;
    return expected === 1
      ? `${missing}: the chain starts at seq ${seq}.`
      : `${missing}: the chain goes from seq ${expected - 1} to seq ${seq}.`;
  }
  if (seq < expected) return `Record ${seq} appears more than once in the chain.`;
  if (!row.contentIntact) {
    return `The content of record ${seq} does not match its SHA-256: its bytes were changed.`;
  }
  if (row.prevHash === null || row.hash === null) return `Record ${seq} has lost its chain hashes.`;
  if (!chainHash(row.prevHash, canonicalBytes(row)).equals(row.hash)) {
    return `Record ${seq} does not match its chain hash: its metadata or recorded SHA-256 was changed.`;
  }
  if (!row.prevHash.equals(prevHash)) {
    return expected === 1
      ? `Record 1 does not start from the genesis hash: its prev_hash is not 32 zero bytes.`
      : `Record ${seq} does not link to record ${seq - 1}: its prev_hash is not that record's hash.`;
  }
  return null;
}
