import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { waitFor } from '../helpers/workers.ts';
import { createWebAccount, type WebAccount } from './accounts.ts';
import { csrfOf, get, Jar, postForm, signIn } from './inject.ts';

let t: TestApp;
let admin: WebAccount;
let adminJar: Jar;
before(async () => {
  t = await buildTestApp();
  admin = await createWebAccount(t.db.pool, 'asnes', 'admin', 'Anne Admin');
  adminJar = (await signIn(t.app, admin)).jar;
});
after(async () => {
  await t.close();
});

async function token(jar: Jar): Promise<string> {
  return csrfOf((await get(t.app, jar, '/app')).body);
}

function secretOf(body: string): string {
  const secret = /<code class="secret" id="secret">([^<]+)<\/code>/.exec(body)?.[1];
  assert.ok(secret, 'the page shows the secret');
  return secret;
}

async function userIdOf(email: string): Promise<string> {
  const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM users WHERE login_email = $1', [email]);
  assert.ok(rows[0]);
  return rows[0].id;
}

test('an admin creates a user, whose password is shown once and works', async () => {
  const res = await postForm(t.app, adminJar, '/app/admin/users', { _csrf: await token(adminJar), name: 'Siri <Saks>', email: 'siri@asnes.example', role: 'archivist' });
  assert.equal(res.statusCode, 201);
  assert.match(res.body, /Brukeren Siri &lt;Saks&gt; er opprettet/);
  const password = secretOf(res.body);
  const { rows } = await t.db.pool.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE login_email = 'siri@asnes.example'");
  assert.ok(!rows[0]?.password_hash.includes(password), 'only a hash is stored');

  const { res: signedIn, jar } = await signIn(t.app, { email: 'siri@asnes.example', password });
  assert.equal(signedIn.statusCode, 303);
  assert.match((await get(t.app, jar, '/app')).body, /Arkivar i Åsnes kommune/);

  const list = await get(t.app, adminJar, '/app/admin');
  assert.match(list.body, /siri@asnes\.example/);
});

test('bad input re-shows the page with the reason and stores nothing', async () => {
  const csrf = await token(adminJar);
  const cases: [Record<string, string>, number, RegExp][] = [
    [{ name: '', email: 'x@asnes.example', role: 'hr' }, 400, /Skriv et navn/],
    [{ name: 'X', email: 'not-an-address', role: 'hr' }, 400, /Skriv en gyldig e-postadresse/],
    [{ name: 'X', email: 'x@asnes.example', role: 'superuser' }, 400, /Velg en rolle/],
    [{ name: 'X', email: admin.email.toUpperCase(), role: 'hr' }, 409, /finnes allerede/],
  ];
  for (const [form, status, message] of cases) {
    const res = await postForm(t.app, adminJar, '/app/admin/users', { _csrf: csrf, ...form });
    assert.equal(res.statusCode, status, JSON.stringify(form));
    assert.match(res.body, message);
  }
  const { rows } = await t.db.pool.query("SELECT 1 FROM users WHERE login_email = 'x@asnes.example'");
  assert.equal(rows.length, 0);
});

test('resetting a password shows a new one and ends the user\'s sessions', async () => {
  const hr = await createWebAccount(t.db.pool, 'asnes', 'hr', 'Kari');
  const { jar } = await signIn(t.app, hr);
  const res = await postForm(t.app, adminJar, `/app/admin/users/${hr.id}/password`, { _csrf: await token(adminJar) });
  assert.equal(res.statusCode, 200);
  const password = secretOf(res.body);
  assert.equal((await get(t.app, jar, '/app')).statusCode, 303, 'the old session ended');
  assert.equal((await signIn(t.app, hr)).res.statusCode, 401, 'the old password no longer works');
  assert.equal((await signIn(t.app, { email: hr.email, password })).res.statusCode, 303);
});

test('disabling a user ends their sessions and revokes their API keys; enabling lets them back in', async () => {
  const comms = await createWebAccount(t.db.pool, 'asnes', 'communications', 'Ola');
  const { jar } = await signIn(t.app, comms);
  const key = await t.key('asnes', 'communications', 'Ola (key)');
  const keyUser = (await t.db.pool.query<{ user_id: string }>('SELECT user_id FROM api_keys ORDER BY created_at DESC LIMIT 1')).rows[0]?.user_id ?? '';
  const csrf = await token(adminJar);
  for (const id of [comms.id, keyUser]) {
    const res = await postForm(t.app, adminJar, `/app/admin/users/${id}/disable`, { _csrf: csrf });
    assert.equal(res.statusCode, 303);
  }
  assert.equal((await get(t.app, jar, '/app')).statusCode, 303);
  assert.equal((await signIn(t.app, comms)).res.statusCode, 401);
  await waitFor("the disabled user's key to be refused", async () => (await t.app.inject({ url: '/v1/rules', headers: { authorization: `Bearer ${key}` } })).statusCode === 401);

  assert.equal((await postForm(t.app, adminJar, `/app/admin/users/${comms.id}/enable`, { _csrf: csrf })).statusCode, 303);
  assert.equal((await signIn(t.app, comms)).res.statusCode, 303);
});

test('an admin cannot disable themselves', async () => {
  const res = await postForm(t.app, adminJar, `/app/admin/users/${admin.id}/disable`, { _csrf: await token(adminJar) });
  assert.equal(res.statusCode, 409);
  assert.match(res.body, /Du kan ikke deaktivere deg selv/);
});

test('an admin creates an API key (shown once, works on /v1) and revokes it', async () => {
  const res = await postForm(t.app, adminJar, '/app/admin/keys', { _csrf: await token(adminJar), name: 'Intranett', role: 'communications' });
  assert.equal(res.statusCode, 201);
  const key = secretOf(res.body);
  assert.match(key, /^hrld_/);
  assert.equal((await t.app.inject({ url: '/v1/rules', headers: { authorization: `Bearer ${key}` } })).statusCode, 200);

  const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM api_keys WHERE prefix = $1', [key.slice(0, 13)]);
  const id = rows[0]?.id ?? '';
  const list = await get(t.app, adminJar, '/app/admin');
  assert.match(list.body, new RegExp(`/app/admin/keys/${id}/revoke`));
  assert.ok(!list.body.includes(key), 'the listing never shows the key');
  assert.equal((await postForm(t.app, adminJar, `/app/admin/keys/${id}/revoke`, { _csrf: await token(adminJar) })).statusCode, 303);
  // The key cache hears of the revocation by NOTIFY, a moment after the commit.
  await waitFor('the revoked key to be refused', async () => (await t.app.inject({ url: '/v1/rules', headers: { authorization: `Bearer ${key}` } })).statusCode === 401);
});

test('other roles get a 403 page; nothing changes', async () => {
  for (const role of ['hr', 'communications', 'archivist'] as const) {
    const { jar } = await signIn(t.app, await createWebAccount(t.db.pool, 'asnes', role));
    const page = await get(t.app, jar, '/app/admin');
    assert.equal(page.statusCode, 403, role);
    assert.match(page.body, /Ingen tilgang/);
    const res = await postForm(t.app, jar, '/app/admin/users', { _csrf: await token(jar), name: 'Sneaky', email: `sneaky-${role}@asnes.example`, role: 'admin' });
    assert.equal(res.statusCode, 403, role);
  }
  const { rows } = await t.db.pool.query("SELECT 1 FROM users WHERE login_email LIKE 'sneaky-%'");
  assert.equal(rows.length, 0);
});

test("another municipality's admin sees none of these users or keys and can touch none of them", async () => {
  const victim = await createWebAccount(t.db.pool, 'asnes', 'hr', 'Victim Åsnes');
  await t.key('asnes', 'hr', 'Åsnes key');
  const { rows } = await t.db.pool.query<{ id: string; prefix: string }>("SELECT k.id, k.prefix FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE t.slug = 'asnes' AND revoked_at IS NULL LIMIT 1");
  const asnesKey = rows[0];
  assert.ok(asnesKey);

  const other = await createWebAccount(t.db.pool, 'karasjok', 'admin', 'Máret');
  const { jar } = await signIn(t.app, other);
  const page = await get(t.app, jar, '/app/admin');
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /Victim Åsnes|Åsnes key|asnes\.example/);
  assert.ok(!page.body.includes(asnesKey.prefix));

  const csrf = await token(jar);
  for (const url of [`/app/admin/users/${victim.id}/disable`, `/app/admin/users/${victim.id}/password`, `/app/admin/keys/${asnesKey.id}/revoke`, '/app/admin/users/not-a-uuid/disable']) {
    const res = await postForm(t.app, jar, url, { _csrf: csrf });
    assert.equal(res.statusCode, 404, url);
  }
  assert.equal((await signIn(t.app, victim)).res.statusCode, 303, 'the victim still signs in with their own password');
  const still = await t.db.pool.query('SELECT 1 FROM api_keys WHERE id = $1 AND revoked_at IS NULL', [asnesKey.id]);
  assert.equal(still.rows.length, 1);
  assert.equal(await userIdOf(victim.email), victim.id);
});
