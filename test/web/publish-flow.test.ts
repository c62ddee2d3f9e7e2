import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { example } from '../helpers/examples.ts';
import { checkA11y, horizontalOverflow, screenshot, startBrowserHarness, tabTo, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness();
});
after(async () => {
  await h.close();
});

const vacancy = example('vacancy');
const STATEMENT = /Opplysninger om søkeren[^.]*\./;

async function fill(page: Page, pointer: string, value: string): Promise<void> {
  await page.locator(`[name="${pointer}"]`).fill(value);
}

/** Reloads the page until `done` holds (the workers publish within seconds). */
async function until(page: Page, done: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} on ${page.url()}`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}

test('HR writes a vacancy that breaks a rule, sees why beside the field, fixes it, submits it with the keyboard, finds it in the plan, watches it go out and withdraws it', async () => {
  const page = await h.newPage();
  await h.signIn(page, 'hr');
  await page.getByRole('link', { name: 'Skriv kunngjøring' }).first().click();
  await page.getByRole('link', { name: 'Stillingsutlysning' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Ny kunngjøring: Stillingsutlysning');
  await checkA11y(page);

  const fields = vacancy.fields as Record<string, string>;
  await fill(page, '/title', vacancy.title);
  await fill(page, '/body', vacancy.body.replace(STATEMENT, ''));
  for (const name of ['position', 'employer', 'workplace', 'applicationDeadline']) await fill(page, `/fields/${name}`, String(fields[name]));
  await fill(page, '/fields/contacts/0/name', 'Kari Nordby');
  await fill(page, '/fields/contacts/0/phone', '62 95 40 00');
  await page.locator('[name="/channels"][value="facebook"]').uncheck();

  // Live validation: the missing offentleglova § 25 statement is shown beside the text, with its source.
  const bodyMessages = page.locator('[data-messages-for="/body"]');
  await bodyMessages.locator('.finding-error', { hasText: 'søkerlist' }).waitFor({ timeout: 10_000 });
  assert.match((await bodyMessages.textContent()) ?? '', /offentleglova/);
  await page.locator('[data-messages-for="/fields/salary"] .finding-warning').first().waitFor();
  await checkA11y(page);
  await screenshot(page, 'notice-form-errors');

  await fill(page, '/body', vacancy.body);
  await bodyMessages.locator('.finding-error').waitFor({ state: 'detached', timeout: 10_000 });
  assert.match((await page.locator('[data-plan]').textContent()) ?? '', /Nettsiden/);

  // Keyboard only: from the last field to the submit button, and Enter.
  await page.locator('[name="/fields/contacts/0/phone"]').focus();
  await tabTo(page, 'button[value="submit"]');
  await Promise.all([page.waitForURL(/\/app\/notices\/[0-9a-f-]{36}\?done=saved$/), page.keyboard.press('Enter')]);
  const noticeUrl = page.url().replace(/\?.*$/, '');
  const id = noticeUrl.split('/').pop() ?? '';
  assert.match((await page.locator('.flash').textContent()) ?? '', /lagret/);
  await checkA11y(page);

  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  assert.equal(await page.locator(`a[href="/app/notices/${id}"]`).count(), 1, 'the vacancy is in this week of the plan');
  await checkA11y(page);
  await screenshot(page, 'plan-week');

  await page.goto(noticeUrl);
  const websiteState = page.locator('tr', { hasText: 'Nettsiden' }).locator('.badge');
  await until(page, async () => (await websiteState.textContent()) === 'Publisert', 'the website publication');
  assert.equal(await page.getByRole('link', { name: 'Se siden' }).count(), 1);
  // The index is rebuilt just after the page is written: wait for it too.
  const listed = async () => /Sykepleier ved Åsnes helsetun/.test(await (await page.request.get('/public/asnes/')).text());
  for (let i = 0; i < 60 && !(await listed()); i++) await page.waitForTimeout(500);
  assert.ok(await listed(), 'the vacancy is listed on the public index');
  await checkA11y(page);
  await screenshot(page, 'notice-published');

  await page.locator('#reason').fill('Stillingen er besatt internt');
  await Promise.all([page.waitForURL(/done=withdrawn/), page.getByRole('button', { name: 'Trekk tilbake' }).click()]);
  assert.equal(await page.locator('.facts .badge').textContent(), 'Trukket tilbake');
  await until(page, async () => (await websiteState.textContent()) === 'Trukket tilbake', 'the page taken down');
  await page.context().close();
});

test('a plan notice waits for a second person, who approves it from the queue', async () => {
  const notice = example('plan-ettersyn');
  const fields = notice.fields as Record<string, string | boolean>;
  const author = await h.newPage();
  await h.signIn(author, 'communications');
  await author.goto('/app/notices/new?type=plan');
  await fill(author, '/title', notice.title);
  await fill(author, '/body', notice.body);
  await author.locator('[name="/fields/stage"]').selectOption('ettersyn');
  for (const name of ['planId', 'planName', 'commentDeadline', 'commentAddress', 'documentsUrl', 'physicalCopyLocation']) await fill(author, `/fields/${name}`, String(fields[name]));
  await author.locator('[name="/fields/alternativeDrafts"][value="false"]').check();
  await Promise.all([author.waitForURL(/done=saved/), author.locator('button[value="submit"]').click()]);
  const noticeUrl = author.url().replace(/\?.*$/, '');
  assert.equal(await author.locator('.facts .badge').textContent(), 'Venter på godkjenning');
  await author.context().close();

  const approver = await h.newPage();
  await h.signIn(approver, 'approver');
  await approver.getByRole('link', { name: 'Til godkjenning' }).first().click();
  await checkA11y(approver);
  await screenshot(approver, 'approvals');
  await Promise.all([approver.waitForURL(/done=approved/), approver.locator('li.card', { hasText: notice.title }).getByRole('button', { name: 'Godkjenn' }).click()]);
  assert.equal(new URL(approver.url()).pathname, new URL(noticeUrl).pathname);
  assert.notEqual(await approver.locator('.facts .badge').textContent(), 'Venter på godkjenning');
  await approver.goto('/app/plan?view=month');
  await checkA11y(approver);
  await screenshot(approver, 'plan-month');
  await approver.context().close();
});

test('at 320 px the form, the plan and the notice page need no horizontal scrolling, and the previews pass axe', async () => {
  const page = await h.newPage({ width: 320, height: 640 });
  await h.signIn(page, 'communications');
  for (const path of ['/app/notices/new', '/app/notices/new?type=meeting', '/app/plan', '/app/plan?view=month', '/app/approvals']) {
    await page.goto(path);
    assert.equal(await horizontalOverflow(page), 0, `${path} scrolls sideways at 320 px`);
    await checkA11y(page);
  }
  await screenshot(page, 'notice-form-320');
  const { rows } = await h.t.db.pool.query<{ id: string }>("SELECT id FROM notices WHERE type = 'plan' LIMIT 1");
  const id = rows[0]?.id;
  assert.ok(id, 'the plan notice of the test before');
  await page.goto(`/app/notices/${id}`);
  assert.equal(await horizontalOverflow(page), 0, 'the notice page scrolls sideways at 320 px');
  await checkA11y(page);
  await page.goto(`/app/notices/${id}/preview/facebook`);
  assert.equal(await horizontalOverflow(page), 0, 'the Facebook preview scrolls sideways at 320 px');
  await checkA11y(page);
  await screenshot(page, 'preview-facebook-320');
  await page.context().close();
});
