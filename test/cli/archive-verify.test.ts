import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { appendRecords, sealTenant } from '../../src/archive/index.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import { syncTenants } from '../../src/store/tenants.ts';
import { tamper, websiteRecord } from '../archive/support.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { CONFIG_DIR } from '../helpers/paths.ts';

const run = promisify(execFile);
let db: TestDatabase;
let asnes: string;
before(async () => {
  db = await createTestDatabase();
  asnes = (await syncTenants(db.pool, loadTenants(CONFIG_DIR))).get('asnes') ?? '';
});
after(async () => {
  await db.drop();
});

/** The command exactly as the README gives it: `npm run archive -- …`; resolves with the exit code too. */
async function archive(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'archive', '--', ...args], { env: { ...process.env, DATABASE_URL: db.url } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('verify on an empty archive: ok, 0 checked, exit 0', async () => {
  const { code, stdout } = await archive('verify', '--tenant', 'asnes');
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), { ok: true, checked: 0, firstBadSeq: null, reason: null, seals: 0, unsealed: 0 });
});

test('seal, then verify: records and the seal hold; a changed byte makes verify exit 1 naming the seq', async () => {
  await appendRecords(db.pool, Array.from({ length: 40 }, (_, i) => websiteRecord(asnes, i)));
  await sealTenant(db.pool, asnes);
  const sealed = await archive('seal', '--tenant', 'asnes');
  assert.equal(sealed.code, 0, sealed.stderr);
  assert.equal((JSON.parse(sealed.stdout) as { seq: number }).seq, 40);
  await sealTenant(db.pool, asnes);
  const ok = await archive('verify', '--tenant', 'asnes');
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), { ok: true, checked: 41, firstBadSeq: null, reason: null, seals: 1, unsealed: 0 });

  await tamper(db.pool, `UPDATE archive_records SET content = overlay(content PLACING '\\x3f'::bytea FROM 3 FOR 1) WHERE tenant_id = $1 AND seq = 33`, [asnes]);
  const bad = await archive('verify', '--tenant', 'asnes');
  assert.equal(bad.code, 1);
  assert.equal((JSON.parse(bad.stdout) as { firstBadSeq: number }).firstBadSeq, 33);
  assert.match(bad.stderr, /BROKEN at record 33/);
});

test('an unknown tenant or command is refused with the usage', async () => {
  const unknown = await archive('verify', '--tenant', 'nowhere');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown tenant "nowhere"/);
  const command = await archive('shred', '--tenant', 'asnes');
  assert.equal(command.code, 2);
  assert.match(command.stderr, /usage:/);
});
