import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appendRecords, canonicalBytes, chainHash, sealTenant, verifyChain, type ChainedFields } from '../../src/archive/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { createTenant, dropDatabase, tamper, websiteRecord } from './support.ts';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await dropDatabase(db);
});

/** A tenant with a sealed chain of n records of its own, verified intact before any tampering. */
async function sealedChain(slug: string, n = 50): Promise<string> {
  const tenantId = await createTenant(db.pool, slug);
  await appendRecords(db.pool, Array.from({ length: n }, (_, i) => websiteRecord(tenantId, i)));
  await sealTenant(db.pool, tenantId, { batchSize: 16 });
  assert.equal((await verifyChain(db.pool, tenantId)).ok, true);
  return tenantId;
}

// Small batches so every check also crosses page boundaries of the keyset walk.
const verify = (tenantId: string) => verifyChain(db.pool, tenantId, { batchSize: 7 });

test('an empty archive verifies', async () => {
  const tenantId = await createTenant(db.pool, 'empty');
  assert.deepEqual(await verify(tenantId), { ok: true, checked: 0, firstBadSeq: null, reason: null });
});

test('an intact chain verifies across batches and ignores records not sealed yet', async () => {
  const tenantId = await sealedChain('intact');
  await appendRecords(db.pool, [websiteRecord(tenantId, 999)]);
  assert.deepEqual(await verify(tenantId), { ok: true, checked: 50, firstBadSeq: null, reason: null });
});

test('one changed content byte is named by its seq', async () => {
  const tenantId = await sealedChain('content-byte');
  await tamper(
    db.pool,
    `UPDATE archive_records SET content = overlay(content PLACING '\\x58'::bytea FROM 20 FOR 1)
     WHERE tenant_id = $1 AND seq = 23`,
    [tenantId],
  );
  const result = await verify(tenantId);
  assert.deepEqual({ ...result, reason: undefined }, { ok: false, checked: 22, firstBadSeq: 23, reason: undefined });
  assert.match(result.reason ?? '', /content of record 23 does not match its SHA-256/);
});

test('changed content with a matching new SHA-256 still breaks the chain hash', async () => {
  const tenantId = await sealedChain('content-and-sha');
  await tamper(
    db.pool,
    `UPDATE archive_records SET content = 'forged', content_sha256 = sha256('forged') WHERE tenant_id = $1 AND seq = 5`,
    [tenantId],
  );
  const result = await verify(tenantId);
  assert.equal(result.firstBadSeq, 5);
  assert.match(result.reason ?? '', /Record 5 does not match its chain hash/);
});

test('changed metadata (the event) is named by its seq', async () => {
  const tenantId = await sealedChain('metadata');
  await tamper(db.pool, `UPDATE archive_records SET event = 'withdrawn' WHERE tenant_id = $1 AND seq = 31`, [tenantId]);
  const result = await verify(tenantId);
  assert.equal(result.ok, false);
  assert.equal(result.firstBadSeq, 31);
  assert.equal(result.checked, 30);
  assert.match(result.reason ?? '', /Record 31 does not match its chain hash: its metadata/);
});

test('a deleted record is named as the gap', async () => {
  const tenantId = await sealedChain('deleted');
  await tamper(db.pool, 'DELETE FROM archive_records WHERE tenant_id = $1 AND seq = 40', [tenantId]);
  const result = await verify(tenantId);
  assert.deepEqual(result, {
    ok: false,
    checked: 39,
    firstBadSeq: 40,
    reason: 'Record 40 is missing: the chain goes from seq 39 to seq 41.',
  });
});

test('a deleted first record is named too', async () => {
  const tenantId = await sealedChain('deleted-first', 3);
  await tamper(db.pool, 'DELETE FROM archive_records WHERE tenant_id = $1 AND seq = 1', [tenantId]);
  assert.deepEqual(await verify(tenantId), {
    ok: false,
    checked: 0,
    firstBadSeq: 1,
    reason: 'Record 1 is missing: the chain starts at seq 2.',
  });
});

test('a record re-hashed after its change is caught at the link to the next record', async () => {
  const tenantId = await sealedChain('rehashed');
  // The careful forger: change the event and recompute that record's own hash.
  const { rows } = await db.pool.query<ChainedFields & { prevHash: Buffer }>(
    `SELECT notice_id AS "noticeId", notice_version AS "noticeVersion", publication_id AS "publicationId",
            channel, content_type AS "contentType", content_sha256 AS "contentSha256", rule_version AS "ruleVersion",
            receipt, recorded_at AS "recordedAt", prev_hash AS "prevHash"
     FROM archive_records WHERE tenant_id = $1 AND seq = 12`,
    [tenantId],
  );
  const row = rows[0];
  assert.ok(row);
  const { prevHash, ...fields } = row;
  const forged = chainHash(prevHash, canonicalBytes({ ...fields, seq: 12, tenantId, event: 'withdrawn' }));
  await tamper(db.pool, `UPDATE archive_records SET event = 'withdrawn', hash = $2 WHERE tenant_id = $1 AND seq = 12`, [
    tenantId,
    forged,
  ]);
  const result = await verify(tenantId);
  assert.equal(result.firstBadSeq, 13);
  assert.equal(result.reason, 'Record 13 does not link to record 12: its prev_hash is not that record\'s hash.');
});

test('the guard triggers are back on after tampering', async () => {
  const tenantId = await sealedChain('guarded', 1);
  await assert.rejects(db.pool.query('DELETE FROM archive_records WHERE tenant_id = $1', [tenantId]), /append-only/);
});

// Long chains are checked in stretches side by side (worker threads), then joined: the same verdicts.
const inStretches = (tenantId: string) => verifyChain(db.pool, tenantId, { batchSize: 4, parallel: 3 });

test('in stretches: an intact chain verifies whole', async () => {
  const tenantId = await sealedChain('stretches-intact', 50);
  assert.deepEqual(await inStretches(tenantId), { ok: true, checked: 50, firstBadSeq: null, reason: null });
});

test('in stretches: a changed record in a later stretch, and a record deleted where two stretches meet, are named', async () => {
  const changed = await sealedChain('stretches-changed', 50);
  await tamper(db.pool, `UPDATE archive_records SET event = 'withdrawn' WHERE tenant_id = $1 AND seq = 44`, [changed]);
  const a = await inStretches(changed);
  assert.deepEqual([a.ok, a.checked, a.firstBadSeq], [false, 43, 44]);
  assert.match(a.reason ?? '', /Record 44 does not match its chain hash/);

  const deleted = await sealedChain('stretches-deleted', 51);
  // 51 records in 3 stretches: 1–17, 18–34, 35–51. Seq 18 opens the second.
  await tamper(db.pool, 'DELETE FROM archive_records WHERE tenant_id = $1 AND seq = 18', [deleted]);
  assert.deepEqual(await inStretches(deleted), { ok: false, checked: 17, firstBadSeq: 18, reason: 'Record 18 is missing: the chain goes from seq 17 to seq 19.' });

  const ending = await sealedChain('stretches-ending', 51);
  await tamper(db.pool, 'DELETE FROM archive_records WHERE tenant_id = $1 AND seq = 17', [ending]);
  assert.deepEqual(await inStretches(ending), { ok: false, checked: 16, firstBadSeq: 17, reason: 'Record 17 is missing: the chain goes from seq 16 to seq 18.' });
});

test('in stretches: a link broken where two stretches meet is named', async () => {
  const tenantId = await sealedChain('stretches-link', 51);
  // The careful forger re-hashes record 34, the last of the second stretch: 35 no longer links to it.
  const { rows } = await db.pool.query<ChainedFields & { prevHash: Buffer }>(
    `SELECT notice_id AS "noticeId", notice_version AS "noticeVersion", publication_id AS "publicationId",
            channel, content_type AS "contentType", content_sha256 AS "contentSha256", rule_version AS "ruleVersion",
            receipt, recorded_at AS "recordedAt", prev_hash AS "prevHash"
     FROM archive_records WHERE tenant_id = $1 AND seq = 34`,
    [tenantId],
  );
  const row = rows[0];
  assert.ok(row);
  const { prevHash, ...fields } = row;
  const forged = chainHash(prevHash, canonicalBytes({ ...fields, seq: 34, tenantId, event: 'withdrawn' }));
  await tamper(db.pool, `UPDATE archive_records SET event = 'withdrawn', hash = $2 WHERE tenant_id = $1 AND seq = 34`, [tenantId, forged]);
  assert.deepEqual(await inStretches(tenantId), {
    ok: false,
    checked: 34,
    firstBadSeq: 35,
    reason: "Record 35 does not link to record 34: its prev_hash is not that record's hash.",
  });
});
