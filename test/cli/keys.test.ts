import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { hashApiKey } from '../../src/auth/api-key.ts';
import { findPrincipalByKeyHash } from '../../src/store/api-keys.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

const run = promisify(execFile);
let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db.drop();
});

/** The command exactly as the README gives it: `npm run keys -- …`. */
const keys = (...args: string[]) => run('npm', ['run', 'keys', '--', ...args], { env: { ...process.env, DATABASE_URL: db.url } });

test('create prints only the key; it is stored as a hash and resolves to its user', async () => {
  const { stdout } = await keys('create', '--tenant', 'asnes', '--role', 'hr', '--name', 'Kari Nordmann');
  assert.match(stdout, /^hrld_[A-Za-z0-9_-]{43}\n$/);
  const key = stdout.trim();
  const principal = await findPrincipalByKeyHash(db.pool, hashApiKey(key));
  assert.ok(principal);
  assert.equal(principal.userName, 'Kari Nordmann');
  assert.equal(principal.role, 'hr');
  assert.equal(principal.tenantSlug, 'asnes');
  const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM api_keys WHERE encode(key_hash, 'escape') LIKE '%' || $1 || '%'`, [key]);
  assert.equal(rows[0]?.n, 0, 'the key itself must not be stored');
});

test('list shows prefixes, never keys; revoke by prefix disables the key', async () => {
  const { stdout: key } = await keys('create', '--tenant', 'asnes', '--role', 'archivist', '--name', 'Per Arkiv');
  const { stdout: listing } = await keys('list', '--tenant', 'asnes');
  assert.ok(listing.includes('Per Arkiv'));
  assert.ok(!listing.includes(key.trim()), 'list must not print keys');
  await keys('revoke', '--tenant', 'asnes', '--key', key.trim().slice(0, 13));
  assert.equal(await findPrincipalByKeyHash(db.pool, hashApiKey(key.trim())), null);
  assert.match((await keys('list', '--tenant', 'asnes')).stdout, /Per Arkiv {2}\(revoked/);
});

test('bad arguments exit 2 with a usage message and create nothing', async () => {
  for (const args of [['create', '--tenant', 'asnes', '--role', 'boss', '--name', 'X'], ['create', '--tenant', 'atlantis', '--role', 'hr', '--name', 'X'], ['create', '--tenant', 'asnes', '--role', 'hr']]) {
    await assert.rejects(keys(...args), (error: { code: number; stderr: string; stdout: string }) => {
      assert.equal(error.code, 2, args.join(' '));
      assert.match(error.stderr, /usage:/);
      assert.equal(error.stdout, '');
      return true;
    });
  }
  const { rows } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE name = 'X'");
  assert.equal(rows[0]?.n, 0);
});
