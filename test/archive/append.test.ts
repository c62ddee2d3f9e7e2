import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { appendRecord, appendRecords } from '../../src/archive/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { createTenant, dropDatabase, websiteRecord } from './support.ts';

let db: TestDatabase;
let tenantId: string;
before(async () => {
  db = await createTestDatabase();
  tenantId = await createTenant(db.pool, 'append');
});
after(async () => {
  await dropDatabase(db);
});

interface StoredRow {
  content: Buffer;
  content_sha256: Buffer;
  receipt: unknown;
  channel: string;
  event: string;
  seq: number | null;
  sub_ms: boolean;
}

const stored = async (id: number): Promise<StoredRow | undefined> =>
  (
    await db.pool.query<StoredRow>(
      `SELECT content, content_sha256, receipt, channel, event, seq,
              recorded_at <> date_trunc('milliseconds', recorded_at) AS sub_ms
       FROM archive_records WHERE id = $1`,
      [id],
    )
  ).rows[0];

test('appendRecord inserts the exact bytes, their SHA-256 and the receipt, unsealed', async () => {
  const record = websiteRecord(tenantId, 1);
  const row = await stored(await appendRecord(db.pool, record));
  assert.ok(row);
  assert.deepEqual(row.content, record.content);
  assert.deepEqual(row.content_sha256, createHash('sha256').update(record.content).digest());
  assert.deepEqual(row.receipt, record.receipt);
  assert.equal(row.channel, 'website');
  assert.equal(row.seq, null);
  assert.equal(row.sub_ms, false, 'recorded_at is stored at the millisecond precision the chain hashes');
});

test('appendRecords inserts a batch in one statement and returns the ids in input order', async () => {
  const records = Array.from({ length: 25 }, (_, i) => websiteRecord(tenantId, 100 + i));
  const ids = await appendRecords(db.pool, records);
  assert.equal(ids.length, 25);
  for (const [i, id] of ids.entries()) {
    assert.deepEqual((await stored(id))?.content, records[i]?.content);
  }
  assert.deepEqual(await appendRecords(db.pool, []), []);
});

test('binary content and a null receipt survive as they are', async () => {
  const content = Buffer.from([0, 255, 1, 254, 0x5c, 0x22, 0x2c, 0x7b]);
  const id = await appendRecord(db.pool, { ...websiteRecord(tenantId, 2), content, contentType: 'application/pdf', receipt: null });
  const row = await stored(id);
  assert.ok(row);
  assert.deepEqual(row.content, content);
  assert.equal(row.receipt, null);
});

test('appending inside a caller transaction commits or rolls back with it', async () => {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const id = await appendRecord(client, websiteRecord(tenantId, 3));
    await client.query('ROLLBACK');
    assert.equal(await stored(id), undefined);
  } finally {
    client.release();
  }
});
