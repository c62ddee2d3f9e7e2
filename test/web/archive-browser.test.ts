import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { afterClosedYear, ARCHIVED_PAGE, archivePublishedPage, CLOSED_YEAR } from '../helpers/archived-page.ts';
import { checkA11y, horizontalOverflow, screenshot, startBrowserHarness, type BrowserHarness } from './browser.ts';

const year = CLOSED_YEAR;

let h: BrowserHarness;
let noticeId: string;
before(async () => {
  h = await startBrowserHarness({ workers: false, clock: afterClosedYear });
  noticeId = (await archivePublishedPage(h.t)).id;
});
after(async () => {
  await h.close();
});

test('an archivist verifies the archive, finds a record, opens its exact bytes, downloads the export and the proof', async () => {
  const page = await h.newPage();
  await h.signIn(page, 'archivist');
  await page.getByRole('link', { name: 'Arkiv', exact: true }).first().click();
  await page.waitForURL('**/app/archive');
  await checkA11y(page);
  await screenshot(page, 'archive');

  await Promise.all([page.waitForURL((url) => url.pathname === '/app/archive/verify'), page.getByRole('button', { name: 'Kjør kontroll' }).click()]);
  assert.match((await page.locator('#verdict').textContent()) ?? '', /Arkivet er helt: 1 poster/);
  await checkA11y(page);
  await screenshot(page, 'archive-verified');

  await page.locator('#q').fill('Vannet');
  await Promise.all([page.waitForURL('**/app/archive?**'), page.getByRole('button', { name: 'Søk', exact: true }).click()]);
  const rows = page.locator('table tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match((await rows.first().textContent()) ?? '', /Vannet stenges/);
  await checkA11y(page);

  await Promise.all([page.waitForURL('**/app/archive/records/1'), page.getByRole('link', { name: 'Åpne post 1' }).click()]);
  await checkA11y(page);
  await screenshot(page, 'archive-record');
  const bytesHref = (await page.getByRole('link', { name: /Åpne nøyaktig det som ble publisert/ }).getAttribute('href')) ?? '';
  const bytes = await page.request.get(bytesHref);
  assert.equal(bytes.status(), 200);
  assert.equal(await bytes.text(), ARCHIVED_PAGE, 'exactly the bytes that were archived');
  assert.match(bytes.headers().etag ?? '', /^"sha256-[0-9a-f]{64}"$/);
  assert.match(bytes.headers()['content-security-policy'] ?? '', /sandbox/);

  // The proof is a PDF the browser may show inline: fetched with the page's session, as its link does.
  const proofHref = (await page.getByRole('link', { name: /Last ned publiseringsbevis/ }).getAttribute('href')) ?? '';
  assert.equal(proofHref, `/v1/notices/${noticeId}/proof`);
  const proof = await page.request.get(proofHref);
  assert.equal(proof.status(), 200);
  assert.match(proof.headers()['content-type'] ?? '', /application\/pdf/);
  assert.equal((await proof.body()).subarray(0, 5).toString(), '%PDF-');

  await page.goto('/app/archive');
  await page.locator('#year').selectOption(String(year));
  const [extraction] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned uttrekk' }).click()]);
  assert.equal(extraction.suggestedFilename(), `asnes-noark5-${year}.tar`);
  await page.context().close();
});

test('the archive works at 320 px, and is not offered to HR', async () => {
  const narrow = await h.newPage({ width: 320, height: 640 });
  await h.signIn(narrow, 'admin');
  await narrow.goto('/app/archive?q=Vannet');
  assert.equal(await horizontalOverflow(narrow), 0);
  await narrow.context().close();

  const hr = await h.newPage();
  await h.signIn(hr, 'hr');
  assert.equal(await hr.getByRole('link', { name: 'Arkiv', exact: true }).count(), 0);
  const res = await hr.goto('/app/archive');
  assert.equal(res?.status(), 403);
  await checkA11y(hr);
  await hr.context().close();
});
