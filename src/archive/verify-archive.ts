import type pg from 'pg';
import { checkSeals } from './seals/check-seals.ts';
import { verifyChain, type VerifyResult } from './verify.ts';

/** The chain's verdict, with what the daily seals and the sealer's backlog add to it. */
export interface ArchiveVerdict extends VerifyResult {
  /** Daily seals found intact (0 when the chain itself failed first). */
  seals: number;
  /** Records not in the chain yet (the sealer takes them within seconds): not checked. */
  unsealed: number;
}

/**
 * Verifies a tenant's archive: every content hash and chain link (streamed in batches, so memory
 * stays bounded), then every daily seal against the chain. The first fault found is named.
 */
export async function verifyArchive(pool: pg.Pool, tenantId: string, opts: { sealPublicKey: Buffer; batchSize?: number }): Promise<ArchiveVerdict> {
  const chain = await verifyChain(pool, tenantId, opts.batchSize === undefined ? {} : { batchSize: opts.batchSize });
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_records WHERE tenant_id = $1 AND seq IS NULL', [tenantId]);
  const unsealed = rows[0]?.n ?? 0;
  if (!chain.ok) return { ...chain, seals: 0, unsealed };
  const seals = await checkSeals(pool, tenantId, opts.sealPublicKey);
  if (seals.bad) {
    return { ok: false, checked: Math.min(chain.checked, seals.bad.seq - 1), firstBadSeq: seals.bad.seq, reason: seals.bad.reason, seals: seals.checked, unsealed };
  }
  return { ...chain, seals: seals.checked, unsealed };
}
