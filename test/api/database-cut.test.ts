import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { build } from '../../src/app.ts';
import { createPool } from '../../src/store/pool.ts';
import { startCuttingProxy, type CuttingProxy } from '../fakes/sftp/cutting-proxy.ts';
import { REDIS_URL, buildTestApp, shippedDirectory, type TestApp } from '../helpers/app.ts';

// Found by the soak (npm run soak restarts PostgreSQL): a statement whose connection is cut while it
// runs fails with "Connection terminated unexpectedly" (or, on a client already broken, "not
// queryable"), errors without a code; they were answered 500 as our own failure. The database is
// away: 503 with Retry-After, so the client retries.

let t: TestApp;
let proxy: CuttingProxy;
let pool: pg.Pool;
let app: FastifyInstance;
let dataDir: string;

before(async () => {
  t = await buildTestApp();
  const url = new URL(t.db.url);
  proxy = await startCuttingProxy(Number(url.port || 5432));
  url.port = String(proxy.port);
  pool = createPool(url.toString(), 1);
  pool.on('error', () => undefined);
  dataDir = mkdtempSync(join(tmpdir(), 'herald-data-'));
  app = await build({ directory: shippedDirectory(), pool, redisUrl: REDIS_URL, dataDir, queuePrefix: t.queuePrefix });
  await app.ready();
});

after(async () => {
  await app.close();
  await proxy.close();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a database connection cut in the middle of a request is a 503 with Retry-After, not a 500', async () => {
  const key = await t.key('asnes', 'communications');
  // The pool's idle connection goes (the pool drops it), so the request opens a new one, which gets
  // through its start-up and is cut while the key lookup is sent.
  await t.db.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query NOT LIKE 'LISTEN%'`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  proxy.cutNextAfter(120);
  const res = await app.inject({ url: '/v1/notices', headers: { authorization: `Bearer ${key}` } });
  assert.equal(proxy.cuts, 1, 'the connection was cut');
  assert.equal(res.statusCode, 503, res.body);
  assert.ok(res.headers['retry-after']);
  assert.equal(res.json<{ type: string }>().type, '/docs/errors#herald_err_unavailable');
  // The pool reconnects: the same request answers once the database is back.
  const again = await app.inject({ url: '/v1/notices', headers: { authorization: `Bearer ${key}` } });
  assert.equal(again.statusCode, 200, again.body);
});
