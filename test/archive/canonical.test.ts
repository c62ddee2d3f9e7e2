import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { appendRecord, canonicalBytes, chainHash, GENESIS_HASH, sealTenant } from '../../src/archive/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { createTenant, dropDatabase } from './support.ts';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await dropDatabase(db);
});

const fields = {
  seq: 7,
  tenantId: '0b5e3c1a-9d7f-4e21-8a3b-2f4c6d8e0a1b',
  noticeId: null,
  noticeVersion: null,
  publicationId: null,
  channel: 'website',
  event: 'published',
  contentType: 'text/html',
  contentSha256: createHash('sha256').update('1').digest(),
  ruleVersion: 'vacancy@3',
  receipt: { url: 'https://x.no/1', b: [2, 1.5, 'ø'], a: { z: true, y: null } },
  recordedAt: new Date('2025-11-25T09:30:00Z'),
};

test('the canonical form is RFC 8785 JSON with sorted keys, nulls kept, hex SHA-256 and ISO time with ms', () => {
  assert.equal(
    canonicalBytes(fields).toString('utf8'),
    '{"channel":"website","contentSha256":"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b",' +
      '"contentType":"text/html","event":"published","noticeId":null,"noticeVersion":null,"publicationId":null,' +
      '"receipt":{"a":{"y":null,"z":true},"b":[2,1.5,"ø"],"url":"https://x.no/1"},' +
      '"recordedAt":"2025-11-25T09:30:00.000Z","ruleVersion":"vacancy@3","seq":7,' +
      '"tenantId":"0b5e3c1a-9d7f-4e21-8a3b-2f4c6d8e0a1b"}',
  );
});

test('the chain hash is SHA-256 over prev_hash then the canonical bytes', () => {
  const canonical = canonicalBytes(fields);
  const byHand = createHash('sha256').update(Buffer.concat([GENESIS_HASH, canonical])).digest();
  assert.deepEqual(chainHash(GENESIS_HASH, canonical), byHand);
  assert.deepEqual(GENESIS_HASH, Buffer.alloc(32));
});

test('an archivist can recompute a sealed record hash from the stored columns alone', async () => {
  const tenantId = await createTenant(db.pool, 'canonical-by-hand');
  await appendRecord(db.pool, {
    tenantId,
    noticeId: null,
    noticeVersion: null,
    publicationId: null,
    channel: 'facebook',
    event: 'failed',
    content: Buffer.from('{"error":{"code":190}}'),
    contentType: 'application/json',
    ruleVersion: null,
    receipt: { status: 400 },
  });
  await sealTenant(db.pool, tenantId);
  // Everything as text, the way psql shows it: no Herald code between the row and the hash.
  const { rows } = await db.pool.query<{ sha: string; at: string; prev: string; hash: string }>(
    `SELECT encode(content_sha256, 'hex') AS sha, encode(prev_hash, 'hex') AS prev, encode(hash, 'hex') AS hash,
            to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
     FROM archive_records WHERE tenant_id = $1 AND seq = 1`,
    [tenantId],
  );
  const row = rows[0];
  assert.ok(row);
  assert.equal(row.prev, '0'.repeat(64));
  assert.equal(row.sha, createHash('sha256').update('{"error":{"code":190}}').digest('hex'));
  const canonical =
    `{"channel":"facebook","contentSha256":"${row.sha}","contentType":"application/json","event":"failed",` +
    `"noticeId":null,"noticeVersion":null,"publicationId":null,"receipt":{"status":400},"recordedAt":"${row.at}",` +
    `"ruleVersion":null,"seq":1,"tenantId":"${tenantId}"}`;
  const byHand = createHash('sha256').update(Buffer.alloc(32)).update(canonical, 'utf8').digest('hex');
  assert.equal(row.hash, byHand);
});

test('the fast canonical form gives exactly the bytes of the general canonicalizer, odd values included', async () => {
  const { canonicalBytesGeneric } = await import('../../src/archive/canonical.ts');
  const odd = [
    fields,
    { ...fields, channel: null, noticeId: 'a"b\\c', noticeVersion: 12, publicationId: '\u2028\u0007é', ruleVersion: null, receipt: null, seq: 2 ** 40 },
    { ...fields, receipt: [1, { '\u00e5': 1, a: [] }, 'x'], contentType: 'text/html; charset="utf-8"', event: '😀', tenantId: '' },
    { ...fields, receipt: 'just text', seq: 0 },
    { ...fields, receipt: { z: 1e21, y: -0, x: 0.1 + 0.2 } },
  ];
  for (const f of odd) assert.deepEqual(canonicalBytes(f), canonicalBytesGeneric(f));
});
