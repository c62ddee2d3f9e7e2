import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { GENESIS_HASH } from './canonical.ts';
import { linkFault, verifySegment, type SegmentResult } from './verify-segment.ts';
import type { SegmentJob } from './verify-worker.ts';

export interface VerifyResult {
  ok: boolean;
  /** Records found intact, in seq order, before the first bad one (all of them when ok). */
  checked: number;
  /** The first seq that is missing, duplicated or altered; null when ok. */
  firstBadSeq: number | null;
  /** One English sentence naming what is wrong; null when ok. */
  reason: string | null;
}

export interface VerifyOptions {
  /** Records per query. @defaultValue 1000 */
  batchSize?: number;
  /**
   * Stretches of the chain checked at once, each but the first in a worker thread with a database
   * connection of its own. @defaultValue the machine's cores, at most 4, for chains of 50,000+ records; 1 below
   */
  parallel?: number;
}

/** Below this, one stretch: starting threads would cost more than they save. */
const PARALLEL_FROM = 50_000;

/**
 * Worker threads start without tsx's loader: this bootstrap registers it, then loads the worker
 * module (TypeScript, as everywhere in Herald).
 */
const BOOT = `const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.entry); });`;

function inWorker(job: SegmentJob): Promise<SegmentResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: { ...job, entry: new URL('./verify-worker.ts', import.meta.url).href } });
    worker.once('message', (result: SegmentResult) => {
      const buffer = (b: Uint8Array | null): Buffer | null => (b === null ? null : Buffer.from(b));
      resolve({ ...result, firstPrev: buffer(result.firstPrev), lastHash: buffer(result.lastHash) });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a verification worker exited with ${code}`));
    });
  });
}

/** Joins the stretches in order: the first fault found, a stretch's own or its link to the one before. */
function join(segments: readonly SegmentResult[]): VerifyResult {
  let checked = 0;
  let before: Buffer | null = GENESIS_HASH;
  for (const s of segments) {
    const firstIsBad = s.bad !== null && s.bad.seq === s.from;
    if (!firstIsBad && s.firstPrev !== null && before !== null && !s.firstPrev.equals(before)) {
      return { ok: false, checked, firstBadSeq: s.from, reason: linkFault(s.from) };
    }
    if (s.bad) return { ok: false, checked: checked + s.checked, firstBadSeq: s.bad.seq, reason: s.bad.reason };
    checked += s.checked;
    before = s.lastHash;
  }
  return { ok: true, checked, firstBadSeq: null, reason: null };
}

/**
 * Recomputes a tenant's chain from the stored bytes, in seq order (the sealing order, not id order),
 * and names the first record that is missing, altered or out of place. Each stretch streams in
 * batches of `batchSize`, so a million records need no more memory than a few batches; long chains
 * are cut into stretches checked side by side, then joined link by link. Records sealed while it
 * runs, and unsealed ones, are not looked at. What no chain can show on its own: records cut off at
 * the end, or a tail rewritten with fresh hashes; the daily seals (verify-archive.ts) show that.
 */
export async function verifyChain(pool: pg.Pool, tenantId: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 1000;
  const { rows } = await pool.query<{ head: number | null }>('SELECT max(seq) AS head FROM archive_records WHERE tenant_id = $1', [tenantId]);
  const head = rows[0]?.head ?? 0;
  if (head === 0) return { ok: true, checked: 0, firstBadSeq: null, reason: null };
  const connectionString = pool.options.connectionString;
  const wanted = options.parallel ?? (head < PARALLEL_FROM ? 1 : Math.min(availableParallelism(), 4));
  const parallel = connectionString === undefined ? 1 : Math.max(1, Math.min(wanted, head));
  const size = Math.ceil(head / parallel);
  const stretches = Array.from({ length: parallel }, (_, i) => ({ from: i * size + 1, to: Math.min(head, (i + 1) * size) }));
  const [first, ...rest] = stretches;
  if (!first) return { ok: true, checked: 0, firstBadSeq: null, reason: null };
  const results = await Promise.all([
    verifySegment(pool, tenantId, first.from, first.to, GENESIS_HASH, batchSize),
    ...rest.map((s) => inWorker({ connectionString: connectionString ?? '', tenantId, from: s.from, to: s.to, batchSize })),
  ]);
  return join(results);
}
