import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appendRecords, sealTenant } from '../../src/archive/index.ts';
import { dailySealSchedules, dayEnded, devSealKey, keyIdOf, parseSealDocument, runDailySeals, sealDay, sealKeyFrom, statementBytes, verifySignature } from '../../src/archive/seals/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { createTenant, dropDatabase, websiteRecord } from './support.ts';
import { directoryWith } from './tenants.ts';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await dropDatabase(db);
});

test('the day a seal stands for: the local day that ended at midnight, DST included', () => {
  assert.equal(dayEnded(new Date('2026-11-30T23:00:04Z'), 'Europe/Oslo'), '2026-11-30');
  // Summer time: local midnight is 22:00 UTC.
  assert.equal(dayEnded(new Date('2026-06-30T22:00:02Z'), 'Europe/Oslo'), '2026-06-30');
  // A run delayed into the morning still names the day before.
  assert.equal(dayEnded(new Date('2026-12-01T08:00:00Z'), 'Europe/Oslo'), '2026-11-30');
});

test("a seal signs the chain head; its signature checks with the public key; once per day", async () => {
  const tenantId = await createTenant(db.pool, 'sealed');
  await appendRecords(db.pool, Array.from({ length: 5 }, (_, i) => websiteRecord(tenantId, i)));
  const key = devSealKey();
  const at = new Date('2026-11-30T23:00:01Z');
  const first = await sealDay(db.pool, key, { id: tenantId, slug: 'sealed', timeZone: 'Europe/Oslo' }, at);
  assert.equal(first.created, true);
  assert.equal(first.seq, 5, 'pending records are chained before the head is read');
  const again = await sealDay(db.pool, key, { id: tenantId, slug: 'sealed', timeZone: 'Europe/Oslo' }, new Date(at.getTime() + 60_000));
  assert.deepEqual({ ...again, created: true }, first);
  assert.equal(again.created, false);

  const { rows } = await db.pool.query<{ content: Buffer; channel: string | null; notice_id: string | null }>(
    `SELECT content, channel, notice_id FROM archive_records WHERE tenant_id = $1 AND event = 'seal'`,
    [tenantId],
  );
  assert.equal(rows.length, 1);
  const doc = parseSealDocument(rows[0]?.content ?? Buffer.alloc(0));
  assert.ok(doc);
  assert.equal(doc.statement.day, '2026-11-30');
  assert.equal(doc.statement.keyId, keyIdOf(key.publicRaw));
  const { rows: head } = await db.pool.query<{ hash: Buffer }>('SELECT hash FROM archive_records WHERE tenant_id = $1 AND seq = 5', [tenantId]);
  assert.equal(doc.statement.hash, head[0]?.hash.toString('hex'));
  assert.ok(verifySignature(key.publicRaw, statementBytes(doc.statement), Buffer.from(doc.signature, 'base64')));
  assert.ok(!verifySignature(key.publicRaw, statementBytes({ ...doc.statement, seq: 4 }), Buffer.from(doc.signature, 'base64')));
  const otherKey = sealKeyFrom('11'.repeat(32));
  assert.ok(!verifySignature(otherKey.publicRaw, statementBytes(doc.statement), Buffer.from(doc.signature, 'base64')));
  // The seal is a record of the chain itself.
  await sealTenant(db.pool, tenantId);
  const { rows: sealed } = await db.pool.query<{ seq: number }>(`SELECT seq FROM archive_records WHERE tenant_id = $1 AND event = 'seal'`, [tenantId]);
  assert.equal(sealed[0]?.seq, 6);
});

test('an empty chain is sealed too, at seq 0 with the genesis hash', async () => {
  const tenantId = await createTenant(db.pool, 'quiet');
  const sealed = await sealDay(db.pool, devSealKey(), { id: tenantId, slug: 'quiet', timeZone: 'Europe/Oslo' }, new Date('2026-11-30T23:00:01Z'));
  assert.deepEqual([sealed.seq, sealed.hash], [0, '0'.repeat(64)]);
});

test('one schedule per time zone at local midnight; the job seals the tenants of its zone', async () => {
  const directory = directoryWith();
  assert.deepEqual(dailySealSchedules(directory), [{ id: 'daily-seal:Europe/Oslo', repeat: { pattern: '0 0 * * *', tz: 'Europe/Oslo' }, data: { timeZone: 'Europe/Oslo' } }]);
  await createTenant(db.pool, 'asnes');
  await createTenant(db.pool, 'karasjok');
  const sealed = await runDailySeals(db.pool, devSealKey(), directory, { timeZone: 'Europe/Oslo' }, new Date('2026-12-01T23:00:03Z'));
  assert.deepEqual(sealed.map((s) => [s.tenant, s.day, s.created]), [['asnes', '2026-12-01', true], ['karasjok', '2026-12-01', true]]);
  assert.deepEqual(await runDailySeals(db.pool, devSealKey(), directory, { timeZone: 'America/Chicago' }, new Date()), []);
});
