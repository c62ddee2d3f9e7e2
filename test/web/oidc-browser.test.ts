import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startOidcProvider, type FakeOidcProvider } from '../fakes/oidc-provider/index.ts';
import { checkA11y, freePort, screenshot, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { directoryWithSso } from './oidc-directory.ts';

let provider: FakeOidcProvider;
let h: BrowserHarness;
before(async () => {
  const port = await freePort();
  provider = await startOidcProvider({
    redirectUris: [`http://127.0.0.1:${port}/app/sign-in/oidc/callback`],
    accounts: { ingrid: { email: 'ingrid.sso@asnes.example', name: 'Ingrid (Entra)' } },
  });
  h = await startBrowserHarness({ workers: false, port, directory: directoryWithSso(provider) });
  await h.t.db.pool.query('UPDATE users SET login_email = $2 WHERE id = $1', [h.accounts.approver.id, 'ingrid.sso@asnes.example']);
});
after(async () => {
  await h.close();
  await provider.close();
});

test('a user signs in through the municipality\'s OpenID provider in the browser', async () => {
  const page = await h.newPage();
  await page.goto('/app/plan');
  await checkA11y(page);
  await page.getByRole('link', { name: 'Logg inn med Åsnes ID' }).click();
  // The provider's own (development) login form.
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill('ingrid');
  await page.locator('input[name="password"]').fill('any');
  await Promise.all([page.waitForURL((url) => url.pathname === '/app/plan'), page.locator('button[type="submit"]').first().click()]);
  await page.goto('/app');
  assert.equal(await page.locator('h1').textContent(), `Hei, ${h.accounts.approver.name}`);
  await checkA11y(page);
  await screenshot(page, 'home-after-sso');
  await page.context().close();
});
