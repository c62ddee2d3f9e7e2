import type pg from 'pg';
import { canonicalBytes, chainHash, GENESIS_HASH } from './canonical.ts';
import { CHAINED_COLUMNS, chainedFields, type ChainedRow } from './rows.ts';

export interface SealOptions {
  /** Records per transaction. */
  batchSize?: number;
  /** Transactions per call, so one busy tenant cannot keep a caller forever. */
  maxBatches?: number;
}

const DEFAULTS = { batchSize: 500, maxBatches: 100 } satisfies Required<SealOptions>;

/**
 * Gives a tenant's unsealed records their places in the chain, batch by batch, and returns how many
 * it sealed. Each batch is one transaction under a per-tenant advisory lock, so sealers of one
 * tenant take turns (any number may run) while other tenants seal in parallel. Read committed: each
 * statement after the lock sees what the previous sealer committed. The chain order is the order
 * records are sealed in, so a record committed late (smaller id than a sealed one) simply joins the
 * next batch.
 */
export async function sealTenant(pool: pg.Pool, tenantId: string, options: SealOptions = {}): Promise<number> {
  const { batchSize, maxBatches } = { ...DEFAULTS, ...options };
  let sealed = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const n = await sealBatch(pool, tenantId, batchSize);
    sealed += n;
    if (n < batchSize) break;
  }
  return sealed;
}

/** Seals every tenant that has unsealed records, one after another; returns the total sealed. */
export async function sealAll(pool: pg.Pool, options: SealOptions = {}): Promise<number> {
  // EXISTS per tenant walks the partial index archive_unsealed; DISTINCT would scan every unsealed row.
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM tenants t
     WHERE EXISTS (SELECT 1 FROM archive_records r WHERE r.tenant_id = t.id AND r.seq IS NULL)`,
  );
  let sealed = 0;
  for (const { id } of rows) sealed += await sealTenant(pool, id, options);
  return sealed;
}

async function sealBatch(pool: pg.Pool, tenantId: string, batchSize: number): Promise<number> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const sealed = await chainPending(client, tenantId, batchSize);
    await client.query('COMMIT');
    return sealed;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      // A connection that cannot even roll back is destroyed, not returned to the pool.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Inside the batch's transaction: lock, read the head, chain the oldest unsealed records, write. */
async function chainPending(client: pg.PoolClient, tenantId: string, batchSize: number): Promise<number> {
  // A 64-bit key from the tenant id; a collision between two tenants would only make them take turns.
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('herald.archive.seal:' || $1, 0))`, [tenantId]);
  const head = await client.query<{ seq: number | string; hash: Buffer }>(
    `SELECT seq, hash FROM archive_records
     WHERE tenant_id = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
    [tenantId],
  );
  const pending = await client.query<ChainedRow>(
    `SELECT ${CHAINED_COLUMNS} FROM archive_records
     WHERE tenant_id = $1 AND seq IS NULL ORDER BY id LIMIT $2`,
    [tenantId, batchSize],
  );
  if (pending.rows.length === 0) return 0;

  let seq = Number(head.rows[0]?.seq ?? 0);
  let prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
  const ids: string[] = [];
  const seqs: number[] = [];
  const prevHashes: Buffer[] = [];
  const hashes: Buffer[] = [];
  for (const row of pending.rows) {
    seq += 1;
    const hash = chainHash(prevHash, canonicalBytes(chainedFields(row, seq)));
    ids.push(String(row.id));
    seqs.push(seq);
    prevHashes.push(prevHash);
    hashes.push(hash);
    prevHash = hash;
  }
  // One statement for the whole batch; the guard trigger allows exactly this (seal columns NULL → set).
  const updated = await client.query(
    `UPDATE archive_records r
     SET seq = u.seq, prev_hash = u.prev_hash, hash = u.hash, sealed_at = now()
     FROM unnest($1::bigint[], $2::bigint[], $3::bytea[], $4::bytea[]) AS u(id, seq, prev_hash, hash)
     WHERE r.id = u.id AND r.seq IS NULL`,
    [ids, seqs, prevHashes, hashes],
  );
  // Under the lock nothing else seals this tenant, so a shortfall means the chain would break: roll back.
  if (updated.rowCount !== ids.length) {
    throw new Error(`sealing tenant ${tenantId}: updated ${updated.rowCount ?? 0} of ${ids.length} records`);
  }
  return ids.length;
}
