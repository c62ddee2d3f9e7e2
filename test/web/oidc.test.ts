import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginAtProvider, startOidcProvider, type FakeOidcProvider } from '../fakes/oidc-provider/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createWebAccount, type WebAccount } from './accounts.ts';
import { get, Jar } from './inject.ts';
import { directoryWithSso } from './oidc-directory.ts';

// app.inject's requests come to http://localhost(:80), so that is the callback the provider knows.
const CALLBACK = 'http://localhost/app/sign-in/oidc/callback';

let provider: FakeOidcProvider;
let t: TestApp;
let kari: WebAccount;
before(async () => {
  provider = await startOidcProvider({
    redirectUris: [CALLBACK],
    accounts: {
      kari: { email: 'KARI.SSO@asnes.example', name: 'Kari (Entra)' },
      stranger: { email: 'stranger@asnes.example', name: 'Stranger' },
      unverified: { email: 'per.sso@asnes.example', name: 'Per', emailVerified: false },
    },
  });
  t = await buildTestApp({ directory: directoryWithSso(provider) });
  kari = await createWebAccount(t.db.pool, 'asnes', 'hr', 'Kari Nordmann');
  await t.db.pool.query('UPDATE users SET login_email = $2 WHERE id = $1', [kari.id, 'kari.sso@asnes.example']);
  await createWebAccount(t.db.pool, 'asnes', 'archivist', 'Per Olsen').then((per) =>
    t.db.pool.query('UPDATE users SET login_email = $2 WHERE id = $1', [per.id, 'per.sso@asnes.example']),
  );
});
after(async () => {
  await t.close();
  await provider.close();
});

/** Starts single sign-on in `jar`'s browser and returns the provider's authorization URL. */
async function start(jar: Jar, next = '/app'): Promise<URL> {
  const res = await get(t.app, jar, `/app/sign-in/oidc/asnes?next=${encodeURIComponent(next)}`);
  assert.equal(res.statusCode, 303);
  return new URL(res.headers.location ?? '');
}

async function callback(jar: Jar, url: URL) {
  return get(t.app, jar, `${url.pathname}${url.search}`);
}

test('the sign-in page offers the tenant\'s single sign-on', async () => {
  const page = await get(t.app, new Jar(), '/app/sign-in?next=%2Fapp%2Fplan');
  assert.match(page.body, /<a class="button secondary" href="\/app\/sign-in\/oidc\/asnes\?next=%2Fapp%2Fplan">Logg inn med Åsnes ID<\/a>/);
});

test('an existing user signs in through the provider: code flow with PKCE, state and nonce, matched by e-mail', async () => {
  const jar = new Jar();
  const authorization = await start(jar, '/app/plan');
  assert.equal(authorization.origin, provider.issuer);
  const params = authorization.searchParams;
  assert.equal(params.get('response_type'), 'code');
  assert.equal(params.get('code_challenge_method'), 'S256');
  assert.ok(params.get('code_challenge') && params.get('state') && params.get('nonce'));
  assert.equal(params.get('redirect_uri'), CALLBACK);
  assert.ok(jar.cookies.get('herald_oidc'), 'the sign-in is bound to this browser');

  const back = await loginAtProvider(authorization.href, 'kari', CALLBACK);
  const res = await callback(jar, back);
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/app/plan');
  assert.ok(jar.cookies.get('herald_session'));
  const home = await get(t.app, jar, '/app');
  assert.match(home.body, /Hei, Kari Nordmann/);

  // The subject is linked now: the same person comes back as the same user.
  const { rows } = await t.db.pool.query<{ oidc_subject: string; oidc_issuer: string }>('SELECT oidc_subject, oidc_issuer FROM users WHERE id = $1', [kari.id]);
  assert.deepEqual(rows[0], { oidc_subject: 'kari', oidc_issuer: provider.issuer });

  // A replayed callback finds nothing to finish.
  const replay = await callback(jar, back);
  assert.equal(replay.statusCode, 400);
  assert.match(replay.body, /Innloggingen mislyktes/);
});

test('a person the municipality has not added is refused with a page saying so, and gets no session', async () => {
  const jar = new Jar();
  const back = await loginAtProvider((await start(jar)).href, 'stranger', CALLBACK);
  const res = await callback(jar, back);
  assert.equal(res.statusCode, 403);
  assert.match(res.body, /Du har ingen bruker i Herald/);
  assert.match(res.body, /stranger@asnes\.example/);
  assert.equal(jar.cookies.get('herald_session'), undefined);
  const { rows } = await t.db.pool.query("SELECT 1 FROM users WHERE login_email = 'stranger@asnes.example'");
  assert.equal(rows.length, 0, 'no user was made');
});

test('an e-mail the provider marks unverified matches nobody', async () => {
  const jar = new Jar();
  const back = await loginAtProvider((await start(jar)).href, 'unverified', CALLBACK);
  assert.equal((await callback(jar, back)).statusCode, 403);
});

test('a callback in another browser than the one that started is refused (login CSRF)', async () => {
  const starter = new Jar();
  const back = await loginAtProvider((await start(starter)).href, 'kari', CALLBACK);
  const victim = new Jar();
  const res = await callback(victim, back);
  assert.equal(res.statusCode, 400);
  assert.equal(victim.cookies.get('herald_session'), undefined);
});

test('a disabled user cannot sign in through the provider either', async () => {
  const local = await createWebAccount(t.db.pool, 'asnes', 'communications', 'Disabled Dag');
  await t.db.pool.query("UPDATE users SET disabled_at = now(), oidc_issuer = $2, oidc_subject = 'dag' WHERE id = $1", [local.id, provider.issuer]);
  provider.accounts.set('dag', { email: local.email, name: 'Dag' });
  const jar = new Jar();
  const back = await loginAtProvider((await start(jar)).href, 'dag', CALLBACK);
  assert.equal((await callback(jar, back)).statusCode, 403);
  assert.equal(jar.cookies.get('herald_session'), undefined);
});

test('with provisionRole configured, an unknown person gets a user of that role', async () => {
  const local = await buildTestApp({ directory: directoryWithSso(provider, { provisionRole: 'hr' }) });
  try {
    const jar = new Jar();
    const started = await local.app.inject({ url: '/app/sign-in/oidc/asnes' });
    jar.take(started);
    const back = await loginAtProvider(started.headers.location ?? '', 'stranger', CALLBACK);
    const res = jar.take(await local.app.inject({ url: `${back.pathname}${back.search}`, headers: { cookie: jar.header() } }));
    assert.equal(res.statusCode, 303);
    const { rows } = await local.db.pool.query<{ role: string; name: string }>("SELECT role, name FROM users WHERE login_email = 'stranger@asnes.example'");
    assert.deepEqual(rows, [{ role: 'hr', name: 'Stranger' }]);
  } finally {
    await local.close();
  }
});

test('a tenant without single sign-on has no such route', async () => {
  const res = await get(t.app, new Jar(), '/app/sign-in/oidc/karasjok');
  assert.equal(res.statusCode, 404);
});
