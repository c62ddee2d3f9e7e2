import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { NoticeInput } from '../../../src/notices/types.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { example } from '../../helpers/examples.ts';
import { createWebAccount } from '../../web/accounts.ts';
import { HOSTILE_STRINGS } from './hostile-strings.ts';
import { assertSafeUrl, only, parseHtml, skeleton } from './inert.ts';
import { BASES, planting, runs, SEED, type ExampleName } from './shared.ts';
import { plant, submitPlanted } from './stored.ts';

/**
 * The web app's pages that show a notice's text — the notice page, its correction form, the calendar
 * and the approval queue — for hostile notices: each page has exactly the shape it has for the same
 * example without hostile text (htmlparser2: the same elements and attributes in the same order), no
 * event handler, no link with another scheme, and the title as the one h1.
 */
let t: TestApp;
let key: string;
let session: Record<string, string>;
before(async () => {
  t = await buildTestApp();
  key = await t.key('asnes', 'admin');
  const account = await createWebAccount(t.db.pool, 'asnes', 'admin');
  const cookies = (set: string | string[] | undefined) => [set ?? []].flat().map((c) => c.split(';')[0]).join('; ');
  const page = await t.app.inject({ method: 'GET', url: '/app/sign-in' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const form = new URLSearchParams({ _csrf: csrf, email: account.email, password: account.password }).toString();
  const res = await t.app.inject({ method: 'POST', url: '/app/sign-in', headers: { cookie: cookies(page.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
  assert.equal(res.statusCode, 303, `signing in: ${res.body.slice(0, 200)}`);
  session = { cookie: [cookies(page.headers['set-cookie']), cookies(res.headers['set-cookie'])].join('; ') };
  console.log(`hostile rendered web app: seed ${SEED} (HOSTILE_SEED=${SEED} to repeat)`);
});
after(() => t.close());

const RELATIVE = /^\/(app|public|docs)(\/[^\s"<>]*)?$|^#[\w-]+$/;

async function get(url: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url, headers: session });
  assert.equal(res.statusCode, 200, `GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.body;
}

/** The pages that show this notice's text. */
async function pagesOf(id: string, content: NoticeInput): Promise<Record<string, string>> {
  const day = typeof content.publishAt === 'string' ? content.publishAt.slice(0, 10) : '';
  return {
    notice: await get(`/app/notices/${id}`),
    edit: await get(`/app/notices/${id}/edit`),
    week: await get(`/app/plan?view=week&date=${day}`),
    approvals: await get('/app/approvals'),
  };
}

function checkInert(page: string, what: string): void {
  const doc = parseHtml(page);
  for (const element of doc.elements) {
    for (const [name, value] of Object.entries(element.attribs)) {
      assert.ok(!name.startsWith('on'), `${what}: an event handler ${name}="${value}" on <${element.name}>`);
      if (name === 'href' || name === 'src' || name === 'action' || name === 'formaction') assertSafeUrl(value, RELATIVE, `${what}: <${element.name} ${name}>`);
    }
  }
  assert.deepEqual(doc.comments, [], `${what}: a comment`);
}

const twins = new Map<string, Record<string, string[]>>();

/**
 * The notice page and form of the same example, submitted without hostile text; the shape to compare
 * with. Calendar and queue list every notice, so they are checked for markup, not shape.
 */
async function twinOf(base: ExampleName): Promise<Record<string, string[]>> {
  const known = twins.get(base);
  if (known) return known;
  const content = example(base);
  const accepted = await submitPlanted(t, key, content, content);
  assert.ok(accepted, `the plain ${base} was refused`);
  const pages = await pagesOf(accepted.id, accepted.content);
  const shapes = { notice: skeleton(parseHtml(pages.notice ?? '')), edit: skeleton(parseHtml(pages.edit ?? '')) };
  twins.set(base, shapes);
  return shapes;
}

/** False when the notice cannot be made acceptable (nothing to render). */
async function check(base: ExampleName, hostile: readonly string[], what: string): Promise<boolean> {
  const content = example(base);
  const accepted = await submitPlanted(t, key, content, plant(content, hostile));
  if (accepted === null) return false;
  const twin = await twinOf(base);
  const pages = await pagesOf(accepted.id, accepted.content);
  for (const [name, page] of Object.entries(pages)) checkInert(page, `${what} ${name}`);
  const notice = parseHtml(pages.notice ?? '');
  assert.equal(only(notice, 'h1', what).text, accepted.content.title, `${what}: the notice page's h1 is not the title as written`);
  // Only /fields may differ between the two: a restored field puts back the twin's shape anyway.
  assert.deepEqual(skeleton(notice), twin.notice, `${what}: the notice page's shape differs from the same notice without hostile text`);
  assert.deepEqual(skeleton(parseHtml(pages.edit ?? '')), twin.edit, `${what}: the form's shape differs from the same notice without hostile text`);
  const calendar = parseHtml(pages.week ?? '');
  assert.ok(calendar.elements.some((e) => e.name === 'a' && e.attribs.href === `/app/notices/${accepted.id}` && e.text === accepted.content.title), `${what}: the calendar does not link the notice by its title as written`);
  return true;
}

test('the fixed hostile strings stay text on the web app pages that show a notice', async () => {
  for (const [i, hostile] of HOSTILE_STRINGS.entries()) {
    const base = BASES[i % BASES.length] ?? 'announcement';
    assert.ok(await check(base, [hostile], `${base} + ${JSON.stringify(hostile.slice(0, 40))}`), `${base} with ${JSON.stringify(hostile.slice(0, 40))} could not be made acceptable`);
  }
});

test('generated hostile strings stay text on the web app pages that show a notice', async () => {
  await fc.assert(
    fc.asyncProperty(planting, async ({ base, hostile }) => {
      fc.pre(await check(base, hostile, `${base} + ${JSON.stringify(hostile).slice(0, 80)}`));
    }),
    { seed: SEED, numRuns: runs(15), endOnFailure: true },
  );
});
