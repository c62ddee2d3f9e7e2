import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appendRecords, canonicalBytes, chainHash, GENESIS_HASH, sealTenant } from '../../src/archive/index.ts';
import { chainedFields, type ChainedRow, CHAINED_COLUMNS } from '../../src/archive/rows.ts';
import { devSealKey, sealDay } from '../../src/archive/seals/index.ts';
import { tamper, websiteRecord } from '../archive/support.ts';
import { directoryWith } from '../archive/tenants.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { tenantId } from '../helpers/workers.ts';

interface Verdict {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
  seals: number;
  unsealed: number;
}

let t: TestApp;
before(async () => {
  t = await buildTestApp({ directory: directoryWith('empty', 'intact', 'content', 'metadata', 'deleted', 'rewritten') });
});
after(async () => {
  await t.close();
});

/** A sealed chain of n website records for `slug`, and an archivist's key there. */
async function chain(slug: string, n = 30): Promise<{ id: string; key: string }> {
  const id = await tenantId(t.db.pool, slug);
  await appendRecords(t.db.pool, Array.from({ length: n }, (_, i) => websiteRecord(id, i)));
  await sealTenant(t.db.pool, id, { batchSize: 7 });
  return { id, key: await t.key(slug, 'archivist') };
}

async function verify(key: string): Promise<Verdict> {
  const res = await t.app.inject({ url: '/v1/archive/verify', headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Verdict>();
}

test('an empty archive verifies: ok with 0 checked', async () => {
  assert.deepEqual(await verify(await t.key('empty', 'admin')), { ok: true, checked: 0, firstBadSeq: null, reason: null, seals: 0, unsealed: 0 });
});

test('an intact chain with a daily seal verifies; records not sealed yet are counted, not checked', async () => {
  const { id, key } = await chain('intact');
  await sealDay(t.db.pool, devSealKey(), { id, slug: 'intact', timeZone: 'Europe/Oslo' }, new Date('2026-11-30T23:00:05Z'));
  await sealTenant(t.db.pool, id);
  await appendRecords(t.db.pool, [websiteRecord(id, 99)]);
  assert.deepEqual(await verify(key), { ok: true, checked: 31, firstBadSeq: null, reason: null, seals: 1, unsealed: 1 });
});

test('one byte of one record changed (as the database owner, trigger off): that seq is named', async () => {
  const { id, key } = await chain('content');
  await tamper(t.db.pool, `UPDATE archive_records SET content = overlay(content PLACING '\\x21'::bytea FROM 10 FOR 1) WHERE tenant_id = $1 AND seq = 17`, [id]);
  const verdict = await verify(key);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBadSeq, 17);
  assert.equal(verdict.checked, 16);
  assert.match(verdict.reason ?? '', /content of record 17 does not match its SHA-256/);
});

test("one record's metadata changed: that seq is named", async () => {
  const { id, key } = await chain('metadata');
  await tamper(t.db.pool, `UPDATE archive_records SET receipt = jsonb_set(receipt, '{url}', '"https://evil.example/"') WHERE tenant_id = $1 AND seq = 9`, [id]);
  const verdict = await verify(key);
  assert.equal(verdict.firstBadSeq, 9);
  assert.match(verdict.reason ?? '', /Record 9 does not match its chain hash: its metadata/);
});

test('one record deleted: its seq is named as the gap', async () => {
  const { id, key } = await chain('deleted');
  await tamper(t.db.pool, 'DELETE FROM archive_records WHERE tenant_id = $1 AND seq = 25', [id]);
  const verdict = await verify(key);
  assert.equal(verdict.firstBadSeq, 25);
  assert.equal(verdict.reason, 'Record 25 is missing: the chain goes from seq 24 to seq 26.');
});

test('history rewritten wholesale (every hash recomputed): the chain holds, the daily seal does not', async () => {
  const { id, key } = await chain('rewritten', 12);
  await sealDay(t.db.pool, devSealKey(), { id, slug: 'rewritten', timeZone: 'Europe/Oslo' }, new Date('2026-11-30T23:00:05Z'));
  await sealTenant(t.db.pool, id);
  // The forger changes record 5 and re-chains everything after it, as a careful one would.
  const { rows } = await t.db.pool.query<ChainedRow & { seq: number }>(`SELECT ${CHAINED_COLUMNS}, seq FROM archive_records WHERE tenant_id = $1 ORDER BY seq`, [id]);
  let prev: Buffer = GENESIS_HASH;
  const client = await t.db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE archive_records DISABLE TRIGGER USER');
    for (const row of rows) {
      const fields = chainedFields(row.seq === 5 ? { ...row, rule_version: 'forged' } : row, row.seq);
      const hash = chainHash(prev, canonicalBytes(fields));
      await client.query('UPDATE archive_records SET rule_version = $3, prev_hash = $4, hash = $5 WHERE tenant_id = $1 AND seq = $2', [id, row.seq, fields.ruleVersion, prev, hash]);
      prev = hash;
    }
    await client.query('ALTER TABLE archive_records ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  const verdict = await verify(key);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBadSeq, 12);
  assert.match(verdict.reason ?? '', /Record 12 no longer has the hash the seal of 2026-11-30 \(record 13\) signed/);
});
