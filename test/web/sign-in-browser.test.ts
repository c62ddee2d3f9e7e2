import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, horizontalOverflow, screenshot, startBrowserHarness, tabTo, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness({ workers: false });
});
after(async () => {
  await h.close();
});

test('a user signs in with the keyboard only and lands on the home page, which passes axe', async () => {
  const page = await h.newPage();
  await page.goto('/app');
  assert.equal(new URL(page.url()).pathname, '/app/sign-in', 'the signed-out are sent to the sign-in page');
  assert.equal(await page.getAttribute('html', 'lang'), 'nb');
  await checkA11y(page);
  await screenshot(page, 'sign-in');

  const { email, password, name } = h.accounts.hr;
  await tabTo(page, '#email');
  await page.keyboard.type(email);
  await tabTo(page, '#password', 2);
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/app'), page.keyboard.press('Enter')]);

  assert.equal(await page.locator('h1').textContent(), `Hei, ${name}`);
  assert.match((await page.locator('main').textContent()) ?? '', /HR i Åsnes kommune/);
  // HR writes notices and sees the plan; the archive and administration are not offered.
  const nav = await page.locator('nav.site-nav a').allTextContents();
  assert.deepEqual(nav, ['Forside', 'Skriv kunngjøring', 'Plan']);
  await checkA11y(page);
  await screenshot(page, 'home');
  await page.context().close();
});

test('at 320 px the sign-in and home pages need no horizontal scrolling', async () => {
  const page = await h.newPage({ width: 320, height: 640 });
  await page.goto('/app/sign-in');
  assert.equal(await horizontalOverflow(page), 0, 'sign-in page scrolls sideways at 320 px');
  await h.signIn(page, 'admin');
  assert.equal(new URL(page.url()).pathname, '/app');
  assert.equal(await horizontalOverflow(page), 0, 'home page scrolls sideways at 320 px');
  await checkA11y(page);
  await screenshot(page, 'home-320');
  await page.context().close();
});

test('the chosen language is remembered on the user, across sign-outs and browsers', async () => {
  const page = await h.newPage();
  await h.signIn(page, 'archivist');
  await Promise.all([page.waitForURL('**/app'), page.getByRole('button', { name: 'Nynorsk' }).click()]);
  assert.equal(await page.getAttribute('html', 'lang'), 'nn');
  assert.equal(await page.locator('h1').textContent(), `Hei, ${h.accounts.archivist.name}`);
  assert.match((await page.locator('main').textContent()) ?? '', /Du er logga inn som Arkivar/);
  await checkA11y(page);

  await Promise.all([page.waitForURL('**/app/sign-in?**'), page.getByRole('button', { name: 'Logg ut' }).click()]);
  assert.match((await page.locator('main').textContent()) ?? '', /Du er logga ut/);
  await page.context().close();

  // A fresh browser (no language cookie) gets the user's language once they sign in.
  const other = await h.newPage();
  await h.signIn(other, 'archivist');
  assert.equal(await other.getAttribute('html', 'lang'), 'nn');
  await other.context().close();
});
