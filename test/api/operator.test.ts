import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { build } from '../../src/app.ts';
import { buildTestApp, shippedDirectory, type TestApp } from '../helpers/app.ts';
import { createTestDatabase } from '../helpers/databases.ts';
import { example } from '../helpers/examples.ts';
import { sample } from '../helpers/metrics.ts';

// The IT operator's views on the API: /metrics, the queue dashboard (the operator key only), request ids,
// readiness while Redis is away, and load shedding before the event loop drowns.

let t: TestApp;
let admin: string;
let hr: string;
const operatorKey = randomBytes(32).toString('hex');

before(async () => {
  t = await buildTestApp({ operatorKey });
  admin = await t.key('asnes', 'admin');
  hr = await t.key('asnes', 'hr');
});
after(() => t.close());

const post = (key: string, body: unknown) =>
  t.app.inject({ method: 'POST', url: '/v1/notices', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe('/metrics', () => {
  test('needs no key, and counts notices accepted by type and rejected by each rule they break', async () => {
    const before = (await t.app.inject({ url: '/metrics' })).body;
    assert.equal((await post(hr, example('vacancy'))).statusCode, 201);
    assert.equal((await post(hr, { ...example('vacancy'), body: 'Vi søker en sykepleier under 40 år.' })).statusCode, 422);
    assert.equal((await post(hr, { ...example('vacancy'), type: 'nonsense' })).statusCode, 400);
    const res = await t.app.inject({ url: '/metrics' });
    assert.equal(res.statusCode, 200);
    const after = res.body;
    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    assert.equal(moved('herald_notices_accepted_total', { type: 'vacancy' }), 1);
    assert.equal(moved('herald_notices_rejected_total', { type: 'vacancy', rule: 'vacancy.nodiscrim.age' }), 1);
    assert.equal(moved('herald_notices_rejected_total', { type: 'vacancy', rule: 'vacancy.offl25.notice' }), 1);
    assert.equal(moved('herald_notices_rejected_total', { type: 'invalid', rule: 'schema.enum' }), 1, 'a type nobody knows never becomes a label');
    assert.equal(sample(after, 'herald_publications', { channel: 'website', state: 'pending' }), 1);
    for (const queue of ['publish-website', 'publish-newspaper', 'publish-facebook', 'maintenance', 'alerts']) {
      assert.ok(after.includes(`herald_queue_jobs{queue="${queue}",state="delayed"}`), `${queue}'s delayed count`);
    }
    assert.ok(after.includes('herald_archive_unsealed_records 0'));
    assert.ok(after.includes('herald_api_process_cpu_seconds_total'));
  });
});

describe('the queue dashboard', () => {
  test("asks a browser for credentials, refuses every municipality's key (admins too), and shows the queues to the operator", async () => {
    const anonymous = await t.app.inject({ url: '/admin/queues' });
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['www-authenticate']), /^Basic realm="Herald queues"/);
    assert.equal(anonymous.json<{ type: string }>().type, '/docs/errors#herald_err_auth_missing');

    // The queues are shared by every municipality: one admin would see the others' jobs.
    for (const key of [hr, admin]) {
      const refused = await t.app.inject({ url: '/admin/queues/api/queues', headers: { authorization: `Bearer ${key}` } });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.json<{ detail: string }>().detail, /operator key/);
    }

    const basic = `Basic ${Buffer.from(`operator:${operatorKey}`).toString('base64')}`;
    const page = await t.app.inject({ url: '/admin/queues', headers: { authorization: basic } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Herald queues<\/title>|Herald queues/);
    const api = await t.app.inject({ url: '/admin/queues/api/queues', headers: { authorization: `Bearer ${operatorKey}` } });
    assert.equal(api.statusCode, 200);
    const names = api.json<{ queues: { name: string; readOnlyMode: boolean }[] }>().queues.map((q) => [q.name, q.readOnlyMode]);
    assert.deepEqual(new Set(names.map(([name]) => name)), new Set(['publish-website', 'publish-newspaper', 'publish-facebook', 'maintenance', 'alerts']));
    assert.ok(names.every(([, readOnly]) => readOnly === true), 'read-only: PostgreSQL is the truth');
  });
});

test('every answer carries its request id; a given one is kept', async () => {
  const given = await t.app.inject({ url: '/health/live', headers: { 'x-request-id': 'trace-abc.123' } });
  assert.equal(given.headers['x-request-id'], 'trace-abc.123');
  const fresh = await t.app.inject({ url: '/v1/notices', headers: { authorization: 'Bearer nonsense' } });
  assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/);
});

test('readiness answers 503 with Retry-After while Redis is down, and says which', async () => {
  // A port nothing listens on: Redis "down" from the start.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 1);
      });
    });
  });
  const db = await createTestDatabase();
  const app = await build({ directory: shippedDirectory(), pool: db.pool, ownsPool: false, redisUrl: `redis://127.0.0.1:${port}`, dataDir: t.dataDir, queuePrefix: '{herald-down}' });
  try {
    await app.ready();
    const res = await app.inject({ url: '/health/ready' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['retry-after'], '5');
    const body = res.json<{ status: string; checks: { postgres: string; redis: string }; queues?: unknown }>();
    assert.deepEqual([body.status, body.checks], ['unavailable', { postgres: 'up', redis: 'down' }]);
    assert.equal((await app.inject({ url: '/metrics' })).statusCode, 200, 'metrics still answer, without the queue figures');
  } finally {
    await app.close();
    await db.drop();
  }
});

test('under pressure the API sheds new requests with 503 + Retry-After; liveness still answers', async () => {
  const db = await createTestDatabase();
  const app = await build({ directory: shippedDirectory(), pool: db.pool, ownsPool: false, redisUrl: 'redis://127.0.0.1:6379', dataDir: t.dataDir, queuePrefix: '{herald-pressure}', maxEventLoopDelayMs: 20 });
  try {
    await app.ready();
    // under-pressure samples the mean event-loop delay every second. A block longer than that makes
    // the sample overdue: it runs as soon as the loop is free and starts a new window. A second block
    // then falls in a window with almost nothing else in it, so the next sample's mean is far past the
    // limit whatever the phase; the request goes after that sample and before the following one.
    const block = (ms: number): void => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        /* busy */
      }
    };
    const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));
    let shed = await app.inject({ url: '/v1/rules' });
    for (let attempt = 0; attempt < 3 && shed.statusCode !== 503; attempt++) {
      block(1200);
      await tick();
      block(1200);
      await tick();
      shed = await app.inject({ url: '/v1/rules' });
    }
    assert.equal(shed.statusCode, 503, shed.body);
    assert.equal(shed.headers['retry-after'], '10');
    assert.equal(shed.json<{ type: string }>().type, '/docs/errors#herald_err_overloaded');
    assert.equal((await app.inject({ url: '/health/live' })).statusCode, 200);
  } finally {
    await app.close();
    await db.drop();
  }
});
