import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { loadTenants } from '../../src/config/tenants.ts';
import { DEV_SECRET_KEY } from '../../src/secrets/secret-key.ts';
import { facebookPagesIn } from '../../src/store/facebook-pages.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { CONFIG_DIR } from '../helpers/paths.ts';

// `npm run keys -- facebook-token --tenant asnes` reads the Page token from stdin (never from the
// command line) and stores it encrypted; nothing it prints holds the token.

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db.drop();
});

function keys(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'keys', '--', ...args], { env: { ...process.env, DATABASE_URL: db.url } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

test('the token from stdin is stored encrypted and opens for the Page', async () => {
  const token = 'EAAGm0PX4ZCpsBAcli-page-token';
  const result = await keys(['facebook-token', '--tenant', 'asnes'], `${token}\n`);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /Facebook Page token set for asnes \(Page 100064000000001, version 1\)/);
  assert.ok(!`${result.stdout}${result.stderr}`.includes(token));
  const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM facebook_pages WHERE position(convert_to($1, 'UTF8') in token_sealed) > 0`, [token]);
  assert.equal(rows[0]?.n, 0, 'no plaintext');
  const asnes = loadTenants(CONFIG_DIR).find((t) => t.slug === 'asnes');
  assert.ok(asnes);
  const gate = await facebookPagesIn(db.pool, Buffer.from(DEV_SECRET_KEY, 'hex')).gate(asnes, new Date());
  assert.deepEqual(gate, { open: true, token, tokenVersion: 1 });
});

test('an empty or spaced token is refused with a usage message', async () => {
  for (const input of ['', 'two words here']) {
    const result = await keys(['facebook-token', '--tenant', 'asnes'], input);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /usage:/);
  }
});
