import type pg from 'pg';
import { DateTime } from 'luxon';
import { appendRecord } from '../append.ts';
import { GENESIS_HASH } from '../canonical.ts';
import { sealTenant } from '../sealer.ts';
import { signBytes, type SealKey } from './seal-key.ts';
import { statementBytes, type SealDocument, type SealStatement } from './statement.ts';

export interface SealedDay {
  tenant: string;
  day: string;
  seq: number;
  hash: string;
  /** False when this day's seal already existed (another worker, or a repeated job). */
  created: boolean;
}

export interface SealTenant {
  id: string;
  slug: string;
  timeZone: string;
}

/**
 * The day a seal made at `now` stands for: the job fires at local midnight, so the day that just
 * ended; a run delayed into the morning still names the day before.
 */
export function dayEnded(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).minus({ hours: 12 }).toISODate() ?? '';
}

/**
 * Archives the tenant's signed chain head for the day that ended: pending records are sealed first,
 * then, under a per-tenant lock, the head is read, signed and appended as a `seal` record (which the
 * sealer chains like any other). Once per tenant and day: a second call finds the first seal.
 */
export async function sealDay(pool: pg.Pool, key: SealKey, tenant: SealTenant, now: Date): Promise<SealedDay> {
  const day = dayEnded(now, tenant.timeZone);
  await sealTenant(pool, tenant.id);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('herald.archive.daily-seal:' || $1, 0))`, [tenant.id]);
    const existing = await client.query<{ receipt: { seq: number; hash: string } }>(
      `SELECT receipt FROM archive_records WHERE tenant_id = $1 AND event = 'seal' AND receipt ->> 'day' = $2`,
      [tenant.id, day],
    );
    const found = existing.rows[0];
    if (found) {
      await client.query('COMMIT');
      return { tenant: tenant.slug, day, seq: found.receipt.seq, hash: found.receipt.hash, created: false };
    }
    const head = await client.query<{ seq: number; hash: Buffer }>(
      `SELECT seq, hash FROM archive_records WHERE tenant_id = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
      [tenant.id],
    );
    const seq = head.rows[0]?.seq ?? 0;
    const hash = (head.rows[0]?.hash ?? GENESIS_HASH).toString('hex');
    const statement: SealStatement = {
      kind: 'herald-daily-seal',
      tenant: tenant.slug,
      tenantId: tenant.id,
      day,
      timeZone: tenant.timeZone,
      seq,
      hash,
      sealedAt: now.toISOString(),
      keyId: key.keyId,
    };
    const document: SealDocument = {
      statement,
      algorithm: 'Ed25519',
      signature: signBytes(key, statementBytes(statement)).toString('base64'),
      publicKey: key.publicRaw.toString('base64'),
    };
    await appendRecord(client, {
      tenantId: tenant.id,
      noticeId: null,
      noticeVersion: null,
      publicationId: null,
      channel: null,
      event: 'seal',
      content: Buffer.from(JSON.stringify(document, null, 2)),
      contentType: 'application/json',
      ruleVersion: null,
      receipt: { day, seq, hash, keyId: key.keyId },
    });
    await client.query('COMMIT');
    return { tenant: tenant.slug, day, seq, hash, created: true };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Seals every listed tenant (the tenants of one time zone, at their midnight); then chains the seals. */
export async function sealDays(pool: pg.Pool, key: SealKey, tenants: readonly SealTenant[], now: Date): Promise<SealedDay[]> {
  const sealed: SealedDay[] = [];
  for (const tenant of tenants) {
    sealed.push(await sealDay(pool, key, tenant, now));
    await sealTenant(pool, tenant.id);
  }
  return sealed;
}
