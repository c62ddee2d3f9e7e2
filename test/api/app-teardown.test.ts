import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildTestApp } from '../helpers/app.ts';
import { admin } from '../helpers/databases.ts';

// Belongs with the auth plugin's tests (test/api); kept here because it showed up as a teardown
// flake in test/publishing/dst.test.ts. After app.close(), the key cache's LISTEN client is back in
// the pool; when that connection later fails (the database dropped under it, a server restart), the
// plugin's 'error' handler must not release it a second time.

test('after app.close, a failing connection of the released LISTEN client throws nothing', async () => {
  const t = await buildTestApp();
  const uncaught: Error[] = [];
  const keep = (error: Error): void => {
    uncaught.push(error);
  };
  process.on('uncaughtException', keep);
  try {
    await t.app.close();
    // The pool is still open: terminate its connections server-side, as DROP DATABASE … WITH (FORCE) does.
    await admin((c) => c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [t.db.name]));
    await sleep(300);
  } finally {
    process.off('uncaughtException', keep);
    await t.db.drop();
    rmSync(t.dataDir, { recursive: true, force: true });
  }
  assert.deepEqual(uncaught.map((e) => e.message), []);
});
