import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { appendRecord, appendRecords, sealAll, sealTenant, verifyChain } from '../../src/archive/index.ts';
import { createPool } from '../../src/store/pool.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { chainShape, createTenant, dropDatabase, websiteRecord } from './support.ts';

let db: TestDatabase;
let pool: pg.Pool;
before(async () => {
  db = await createTestDatabase();
  // Room for 8 appenders and 2 sealers at once.
  pool = createPool(db.url, 12);
});
after(async () => {
  await dropDatabase(db, pool);
});

async function assertOneChain(tenantId: string, records: number): Promise<void> {
  assert.deepEqual(await chainShape(pool, tenantId), {
    sealed: records,
    unsealed: 0,
    distinctSeqs: records,
    minSeq: records === 0 ? null : 1,
    maxSeq: records === 0 ? null : records,
  });
  assert.deepEqual(await verifyChain(pool, tenantId, { batchSize: 97 }), { ok: true, checked: records, firstBadSeq: null, reason: null });
}

test('8 concurrent appenders on two tenants, sealed concurrently: one unbroken chain per tenant, every record once', async (t) => {
  const tenants = [await createTenant(pool, 'busy-a'), await createTenant(pool, 'busy-b')];
  const appended = new Map<string, number[]>(tenants.map((t) => [t, []]));
  let appending = true;

  // Each appender commits small transactions with pauses inside, so commit order differs from id
  // order all the time: the sealer keeps meeting late commits.
  const appender = async (worker: number) => {
    const client = await pool.connect();
    try {
      for (let i = 0; i < 200; ) {
        const tenantId = tenants[(worker + i) % 2] ?? '';
        await client.query('BEGIN');
        const ids: number[] = [];
        const size = 1 + ((worker * 7 + i) % 5);
        for (let k = 0; k < size && i < 200; k++, i++) {
          if (i % 3 === 0) ids.push(...(await appendRecords(client, [websiteRecord(tenantId, worker * 1000 + i)])));
          else ids.push(await appendRecord(client, websiteRecord(tenantId, worker * 1000 + i)));
          if (i % 4 === 0) await sleep(1);
        }
        await client.query('COMMIT');
        appended.get(tenantId)?.push(...ids);
      }
    } finally {
      client.release();
    }
  };
  const sealer = async (seal: () => Promise<number>) => {
    let rounds = 0;
    while (appending) {
      await seal();
      rounds++;
      await sleep(2);
    }
    return rounds;
  };

  const sealers = Promise.all([
    sealer(() => sealAll(pool, { batchSize: 50 })),
    sealer(() => sealTenant(pool, tenants[0] ?? '', { batchSize: 13 })),
  ]);
  await Promise.all(Array.from({ length: 8 }, (_, w) => appender(w)));
  appending = false;
  const [allRounds, tenantRounds] = await sealers;
  assert.ok(allRounds > 1 && tenantRounds > 1, 'the sealers ran while records were being appended');
  await sealAll(pool, { batchSize: 50 });

  for (const tenantId of tenants) {
    const ids = appended.get(tenantId) ?? [];
    await assertOneChain(tenantId, ids.length);
    const { rows } = await pool.query<{ id: number }>('SELECT id FROM archive_records WHERE tenant_id = $1 ORDER BY id', [tenantId]);
    assert.deepEqual(
      rows.map((r) => r.id),
      [...ids].sort((a, b) => a - b),
    );
  }
  assert.equal((appended.get(tenants[0] ?? '')?.length ?? 0) + (appended.get(tenants[1] ?? '')?.length ?? 0), 1600);
  // How many records were sealed behind a larger id (late commits): shown, not asserted (timing).
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT id < max(id) OVER (PARTITION BY tenant_id ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS late
       FROM archive_records WHERE tenant_id = ANY($1::uuid[])) s WHERE late`,
    [tenants],
  );
  t.diagnostic(`${rows[0]?.n ?? 0} records sealed after a larger id`);
});

test('sealers racing on one tenant take turns and build one chain', async () => {
  const tenantId = await createTenant(pool, 'race');
  await appendRecords(pool, Array.from({ length: 1000 }, (_, i) => websiteRecord(tenantId, i)));
  const counts = await Promise.all([17, 29, 37, 101].map((batchSize) => sealTenant(pool, tenantId, { batchSize })));
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    1000,
  );
  await assertOneChain(tenantId, 1000);
});

test('a record committed after later ids were sealed joins the chain in the next batch', async () => {
  const tenantId = await createTenant(pool, 'late');
  const late = await pool.connect();
  try {
    await late.query('BEGIN');
    const lateId = await appendRecord(late, websiteRecord(tenantId, 0));
    const early = await appendRecords(pool, [1, 2, 3].map((n) => websiteRecord(tenantId, n)));
    assert.ok(early.every((id) => id > lateId));
    assert.equal(await sealTenant(pool, tenantId), 3);
    await late.query('COMMIT');
    assert.equal(await sealTenant(pool, tenantId), 1);
    const { rows } = await pool.query<{ seq: number }>('SELECT seq FROM archive_records WHERE id = $1', [lateId]);
    assert.equal(rows[0]?.seq, 4, 'the chain order is the sealing order, not the id order');
  } finally {
    late.release();
  }
  await assertOneChain(tenantId, 4);
});

test('sealTenant stops after maxBatches and seals the rest on the next call', async () => {
  const tenantId = await createTenant(pool, 'bounded');
  await appendRecords(pool, Array.from({ length: 30 }, (_, i) => websiteRecord(tenantId, i)));
  assert.equal(await sealTenant(pool, tenantId, { batchSize: 10, maxBatches: 2 }), 20);
  assert.equal(await sealTenant(pool, tenantId, { batchSize: 10, maxBatches: 2 }), 10);
  assert.equal(await sealTenant(pool, tenantId), 0);
  await assertOneChain(tenantId, 30);
});

test("one tenant's sealer waits for its lock; another tenant's does not", async () => {
  const [a, b] = [await createTenant(pool, 'locked-a'), await createTenant(pool, 'locked-b')];
  await appendRecord(pool, websiteRecord(a, 1));
  await appendRecord(pool, websiteRecord(b, 1));
  const holder = await pool.connect();
  try {
    await holder.query('BEGIN');
    // The sealer's own lock key for tenant a (sealer.ts).
    await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('herald.archive.seal:' || $1, 0))`, [a]);
    let aDone = false;
    const sealingA = sealTenant(pool, a).then((n) => ((aDone = true), n));
    assert.equal(await sealTenant(pool, b), 1);
    await sleep(100);
    assert.equal(aDone, false, 'tenant a waits for the lock');
    await holder.query('COMMIT');
    assert.equal(await sealingA, 1);
  } finally {
    holder.release();
  }
  await assertOneChain(a, 1);
  await assertOneChain(b, 1);
});
