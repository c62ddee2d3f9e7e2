import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { submitAccepted } from '../helpers/workers.ts';
import { createWebAccount, type WebAccount } from './accounts.ts';
import { csrfOf, get, Jar, postForm, signIn } from './inject.ts';

const GENERIC = 'Feil e-postadresse eller passord, eller kontoen er ikke aktiv.';

let t: TestApp;
let admin: WebAccount;
before(async () => {
  t = await buildTestApp();
  admin = await createWebAccount(t.db.pool, 'asnes', 'admin', 'Anne <b>Admin</b>');
});
after(async () => {
  await t.close();
});

function setCookieHeader(res: { headers: Record<string, unknown> }, name: string): string {
  const header = res.headers['set-cookie'];
  const list = Array.isArray(header) ? (header as string[]) : [String(header)];
  const found = list.find((c) => c.startsWith(`${name}=`));
  assert.ok(found, `no ${name} cookie set`);
  return found;
}

test('signing in sets an HttpOnly, SameSite=Lax session cookie whose id is stored only as a hash', async () => {
  const { jar, res } = await signIn(t.app, admin);
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/app');
  const cookie = setCookieHeader(res, 'herald_session');
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Lax/);
  assert.match(cookie, /; Path=\//);
  assert.doesNotMatch(cookie, /; Secure/, 'plain http on loopback: not Secure unless configured');

  const id = jar.cookies.get('herald_session') ?? '';
  const { rows } = await t.db.pool.query<{ id_hash: Buffer; row: string }>('SELECT id_hash, row_to_json(s)::text AS row FROM web_sessions s WHERE user_id = $1', [admin.id]);
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0]?.id_hash, createHash('sha256').update(id).digest());
  assert.ok(!rows[0].row.includes(id), 'the session id itself is not in the database');

  const home = await get(t.app, jar, '/app');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Hei, Anne &lt;b&gt;Admin&lt;\/b&gt;/, 'the user name is escaped');
  assert.equal(home.headers['x-frame-options'], 'DENY');
  assert.match(String(home.headers['content-security-policy']), /script-src 'self';/);
  assert.equal(home.headers['cache-control'], 'no-store');
});

test('with HERALD_COOKIE_SECURE the session cookie is Secure', async () => {
  const secure = await buildTestApp({ sessions: { cookieSecure: true } });
  try {
    const account = await createWebAccount(secure.db.pool, 'asnes', 'hr');
    const { res } = await signIn(secure.app, account);
    assert.match(setCookieHeader(res, 'herald_session'), /; Secure/);
  } finally {
    await secure.close();
  }
});

test('a wrong password and an unknown account get the same answer, and no session', async () => {
  const wrong = await signIn(t.app, { email: admin.email, password: 'not the password' });
  const unknown = await signIn(t.app, { email: 'nobody@asnes.example', password: 'whatever12' });
  for (const { res, jar } of [wrong, unknown]) {
    assert.equal(res.statusCode, 401);
    assert.match(res.body, new RegExp(GENERIC));
    assert.equal(jar.cookies.get('herald_session'), undefined);
  }
  assert.match(wrong.res.body, new RegExp(`value="${admin.email.replace(/\./g, '\\.')}"`), 'the e-mail stays in the form');
});

test('a form without its CSRF token is refused with a 403 page, and nothing changes', async () => {
  const { jar } = await signIn(t.app, admin);
  const noToken = await postForm(t.app, jar, '/app/sign-out', {});
  assert.equal(noToken.statusCode, 403);
  assert.match(String(noToken.headers['content-type']), /text\/html/);
  assert.match(noToken.body, /Skjemaet er utløpt/);
  assert.equal((await get(t.app, jar, '/app')).statusCode, 200, 'still signed in');

  // Another browser's token does not fit this session.
  const other = await signIn(t.app, admin);
  const otherToken = csrfOf((await get(t.app, other.jar, '/app')).body);
  assert.equal((await postForm(t.app, jar, '/app/sign-out', { _csrf: otherToken })).statusCode, 403);

  // The sign-in form needs its (anonymous) token too: no signing someone in from another site.
  const fresh = new Jar();
  const res = await postForm(t.app, fresh, '/app/sign-in', { email: admin.email, password: admin.password });
  assert.equal(res.statusCode, 403);
  assert.equal(fresh.cookies.get('herald_session'), undefined);

  const token = csrfOf((await get(t.app, jar, '/app')).body);
  const out = await postForm(t.app, jar, '/app/sign-out', { _csrf: token });
  assert.equal(out.statusCode, 303);
  assert.equal(out.headers.location, '/app/sign-in?reason=signed-out');
});

test('signing out ends the session on the server: the old cookie signs nobody in', async () => {
  const { jar } = await signIn(t.app, admin);
  const stolen = jar.cookies.get('herald_session') ?? '';
  const token = csrfOf((await get(t.app, jar, '/app')).body);
  await postForm(t.app, jar, '/app/sign-out', { _csrf: token });
  const res = await t.app.inject({ url: '/app', headers: { cookie: `herald_session=${stolen}` } });
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /^\/app\/sign-in\?/);
});

test('the signed-out are sent to sign-in and back to where they were going; next never leaves the app', async () => {
  const res = await t.app.inject({ url: '/app/plan?week=2026-W49' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, `/app/sign-in?next=${encodeURIComponent('/app/plan?week=2026-W49')}`);

  const attempt = async (next: string) => {
    const jar = new Jar();
    const form = await get(t.app, jar, '/app/sign-in');
    return postForm(t.app, jar, '/app/sign-in', { _csrf: csrfOf(form.body), email: admin.email, password: admin.password, next });
  };
  for (const next of ['//evil.example/app', 'https://evil.example/app', '/app\\@evil.example', '/application']) {
    assert.equal((await attempt(next)).headers.location, '/app', next);
  }
  assert.equal((await attempt('/app/plan?week=2026-W49')).headers.location, '/app/plan?week=2026-W49');
});

test('an expired or idle session ends: the browser is sent to sign in again, told why', async () => {
  for (const change of ["expires_at = now() - interval '1 second'", "last_seen_at = now() - interval '61 minutes'"]) {
    const { jar } = await signIn(t.app, admin);
    const hash = createHash('sha256').update(jar.cookies.get('herald_session') ?? '').digest();
    await t.db.pool.query(`UPDATE web_sessions SET ${change} WHERE id_hash = $1`, [hash]);
    const res = await get(t.app, jar, '/app');
    assert.equal(res.statusCode, 303, change);
    assert.equal(res.headers.location, '/app/sign-in?next=%2Fapp&reason=expired');
    const page = await get(t.app, jar, res.headers.location ?? '');
    assert.match(page.body, /Økten din er utløpt/);
    const api = await t.app.inject({ url: '/v1/rules', headers: { cookie: jar.header() } });
    assert.equal(api.statusCode, 401, 'the API refuses the ended session too');
  }
});

test('a disabled user is signed out at once and cannot sign in again', async () => {
  const hr = await createWebAccount(t.db.pool, 'asnes', 'hr');
  const { jar } = await signIn(t.app, hr);
  assert.equal((await get(t.app, jar, '/app')).statusCode, 200);
  await t.db.pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [hr.id]);
  assert.equal((await get(t.app, jar, '/app')).statusCode, 303);
  const again = await signIn(t.app, hr);
  assert.equal(again.res.statusCode, 401);
  assert.match(again.res.body, new RegExp(GENERIC));
});

test('sign-in is throttled per account (known or not) and per address', async () => {
  const local = await buildTestApp();
  try {
    const hr = await createWebAccount(local.db.pool, 'asnes', 'hr');
    for (let i = 0; i < 5; i++) assert.equal((await signIn(local.app, { email: hr.email, password: `wrong-${i}` })).res.statusCode, 401);
    const blocked = await signIn(local.app, hr);
    assert.equal(blocked.res.statusCode, 429, 'even the right password waits once the account is throttled');
    assert.match(blocked.res.body, /For mange mislykkede forsøk/);
    assert.ok(Number(blocked.res.headers['retry-after']) > 0);
    assert.equal(blocked.jar.cookies.get('herald_session'), undefined);

    // An account nobody has is throttled the same way: the limit does not tell which accounts exist.
    for (let i = 0; i < 5; i++) await signIn(local.app, { email: 'ghost@asnes.example', password: `wrong-${i}` });
    assert.equal((await signIn(local.app, { email: 'ghost@asnes.example', password: 'x'.repeat(12) })).res.statusCode, 429);

    // 30 failures from one address, spread over accounts, close it for everyone there.
    for (let i = 0; i < 20; i++) await signIn(local.app, { email: `spray${i}@asnes.example`, password: 'password1' });
    const other = await createWebAccount(local.db.pool, 'asnes', 'archivist');
    assert.equal((await signIn(local.app, other)).res.statusCode, 429);
  } finally {
    await local.close();
  }
});

test('the API accepts the session cookie, with the CSRF header on changes', async () => {
  const hr = await createWebAccount(t.db.pool, 'asnes', 'hr');
  const { jar } = await signIn(t.app, hr);
  const token = csrfOf((await get(t.app, jar, '/app')).body);
  const body = JSON.stringify(example('vacancy'));
  const headers = { cookie: jar.header(), 'content-type': 'application/json' };

  const refused = await t.app.inject({ method: 'POST', url: '/v1/notices/validate', headers, payload: body });
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json<{ type: string }>().type, '/docs/errors#herald_err_csrf');

  const ok = await t.app.inject({ method: 'POST', url: '/v1/notices/validate', headers: { ...headers, 'x-csrf-token': token }, payload: body });
  assert.equal(ok.statusCode, 200);
  assert.equal(typeof ok.json<{ valid: boolean }>().valid, 'boolean');

  const list = await t.app.inject({ url: '/v1/notices', headers: { cookie: jar.header() } });
  assert.equal(list.statusCode, 200, 'a GET needs no token');
});

test("another municipality's user sees nothing of this one's", async () => {
  const key = await t.key('asnes', 'communications');
  const notice = await submitAccepted(t, key, example('announcement'));
  const other = await createWebAccount(t.db.pool, 'karasjok', 'admin', 'Máret');
  const { jar } = await signIn(t.app, other);

  const home = await get(t.app, jar, '/app');
  assert.match(home.body, /Karasjok/);
  assert.doesNotMatch(home.body, /Åsnes/);
  const one = await t.app.inject({ url: `/v1/notices/${notice.id}`, headers: { cookie: jar.header() } });
  assert.equal(one.statusCode, 404);
  const list = await t.app.inject({ url: '/v1/notices', headers: { cookie: jar.header() } });
  assert.ok(!list.body.includes(notice.id));
});

test('the language switch is remembered, and refuses a switch without a token', async () => {
  const jar = new Jar();
  const form = await get(t.app, jar, '/app/sign-in');
  assert.match(form.body, /<html lang="nb">/);
  assert.equal((await postForm(t.app, jar, '/app/language', { lang: 'en', next: '/app/sign-in' })).statusCode, 403);
  const res = await postForm(t.app, jar, '/app/language', { _csrf: csrfOf(form.body), lang: 'en', next: '/app/sign-in' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/app/sign-in');
  const english = await get(t.app, jar, '/app/sign-in');
  assert.match(english.body, /<html lang="en">/);
  assert.match(english.body, /Sign in with your Herald e-mail address/);
});

test('unknown pages inside /app answer an HTML 404 page, not problem+json', async () => {
  const { jar } = await signIn(t.app, admin);
  const res = await get(t.app, jar, '/app/no-such-page');
  assert.equal(res.statusCode, 404);
  assert.match(String(res.headers['content-type']), /text\/html/);
  assert.match(res.body, /Fant ikke siden/);
});
