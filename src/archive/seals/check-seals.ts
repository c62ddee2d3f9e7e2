import type pg from 'pg';
import { GENESIS_HASH } from '../canonical.ts';
import { verifySignature } from './seal-key.ts';
import { parseSealDocument, statementBytes } from './statement.ts';

/** What the seals say of a chain that verified: how many held, and the first that does not. */
export interface SealCheck {
  checked: number;
  bad: { seq: number; reason: string } | null;
}

/**
 * Checks every sealed daily seal of a tenant against the chain: its signature must be this
 * deployment's key over its statement, and the chain must still hold, at the seq it names, the hash
 * it signed. A chain rewritten wholesale (every hash recomputed) verifies on its own; it fails here,
 * at the first record whose signed hash is gone. Run after the chain itself verified.
 */
export async function checkSeals(pool: pg.Pool, tenantId: string, publicRaw: Buffer): Promise<SealCheck> {
  const { rows } = await pool.query<{ seq: number; content: Buffer }>(
    `SELECT seq, content FROM archive_records WHERE tenant_id = $1 AND event = 'seal' AND seq IS NOT NULL ORDER BY seq`,
    [tenantId],
  );
  let checked = 0;
  for (const row of rows) {
    const seq = row.seq;
    const doc = parseSealDocument(row.content);
    if (!doc) return { checked, bad: { seq, reason: `Record ${seq} is a seal whose content is not a seal document.` } };
    const { statement } = doc;
    if (statement.tenantId !== tenantId) return { checked, bad: { seq, reason: `The seal in record ${seq} names another municipality.` } };
    const signed = verifySignature(Buffer.from(doc.publicKey, 'base64'), statementBytes(statement), Buffer.from(doc.signature, 'base64'));
    if (!signed || !Buffer.from(doc.publicKey, 'base64').equals(publicRaw)) {
      return { checked, bad: { seq, reason: `The seal of ${statement.day} in record ${seq} is not signed by this deployment's seal key.` } };
    }
    if (statement.seq >= seq) return { checked, bad: { seq, reason: `The seal in record ${seq} names a later record (${statement.seq}).` } };
    const held = statement.seq === 0 ? GENESIS_HASH : (await pool.query<{ hash: Buffer }>(
      'SELECT hash FROM archive_records WHERE tenant_id = $1 AND seq = $2',
      [tenantId, statement.seq],
    )).rows[0]?.hash;
    if (!held?.equals(Buffer.from(statement.hash, 'hex'))) {
      const at = Math.max(statement.seq, 1);
      return { checked, bad: { seq: at, reason: `Record ${statement.seq} no longer has the hash the seal of ${statement.day} (record ${seq}) signed: the history up to it was rewritten.` } };
    }
    checked += 1;
  }
  return { checked, bad: null };
}
