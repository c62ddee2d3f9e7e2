import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import ICAL from 'ical.js';
import type { PublicationTask } from '../../../src/channels/types.ts';
import { createWebsiteChannel, rebuildIndexes } from '../../../src/channels/website/index.ts';
import { noticeUrl } from '../../../src/channels/website/paths.ts';
import type { NoticeInput } from '../../../src/notices/types.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { example } from '../../helpers/examples.ts';
import { tempWebRoot } from '../../channels/website/fixtures.ts';
import { HOSTILE_STRINGS } from './hostile-strings.ts';
import { assertInertHtml, assertWellFormedXml, childElements, only, parseHtml, parseXml, type Vocabulary } from './inert.ts';
import { BASES, hasCalendarEvent, lf, linesOf, planting, runs, SEED } from './shared.ts';
import { plant, submitPlanted, tasksOf } from './stored.ts';

/**
 * Hostile titles, bodies and fields, accepted through the real API and loaded as the workers load
 * them, through the website channel's real renderers: the page, index.html, feed.atom, calendar.ics
 * and notices.json. Each output is read with a real parser and must hold the text as text.
 */
let t: TestApp;
let key: string;
let webRoot: string;
before(async () => {
  t = await buildTestApp();
  key = await t.key('asnes', 'admin');
  webRoot = await tempWebRoot();
  console.log(`hostile rendered website: seed ${SEED} (HOSTILE_SEED=${SEED} to repeat)`);
});
after(() => t.close());

const PAGE: Vocabulary = {
  elements: new Set(['html', 'head', 'meta', 'title', 'link', 'script', 'body', 'header', 'nav', 'main', 'article', 'section', 'p', 'br', 'h1', 'h2', 'a', 'time', 'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'figure', 'img']),
  attributes: new Set(['lang', 'charset', 'name', 'content', 'rel', 'type', 'href', 'title', 'datetime', 'src', 'alt']),
  relative: /^(\.\.\/)?(index\.html|feed\.atom|calendar\.ics|notices\.json|notices\/[0-9a-f-]{36}\.html)$/,
};
const ATOM_CONTENT: Vocabulary = { elements: new Set(['p', 'br']), attributes: new Set(), relative: /^$/ };
/**
 * XML turns CRLF and CR into LF (XML 1.0 § 2.11), and xmldom also NEL, U+2028 and U+2029 as XML 1.1
 * would (its normalizeLineEndings): line ends are compared as such. U+FFFE and U+FFFF, which XML
 * forbids, reach the feed as U+FFFD.
 */
const xmlLines = (text: string): string => text.replace(/\r[\n\u0085]?|[\u0085\u2028\u2029]/g, '\n').replace(/[\uFFFE\uFFFF]/g, '\uFFFD');
const ENTRY = ['id', 'title', 'updated', 'published', 'link', 'category', 'summary', 'content'];
const FEED = ['id', 'title', 'updated', 'link', 'link', 'author', 'generator'];
const CALENDAR = ['version', 'prodid', 'calscale', 'method', 'x-wr-calname'];

function checkPage(page: string, content: NoticeInput, tenantName: string, what: string): void {
  const doc = parseHtml(page);
  assertInertHtml(doc, PAGE, what);
  assert.equal(only(doc, 'h1', what).text, content.title, `${what}: the h1 is not the title as written`);
  assert.equal(only(doc, 'title', what).text, `${content.title} – ${tenantName}`, `${what}: <title>`);
  only(doc, 'main', what);
  const article = only(doc, 'article', what).text;
  for (const line of linesOf(content.body)) assert.ok(article.includes(line), `${what}: the body line ${JSON.stringify(line.slice(0, 80))} is not in the page as text`);
  const scripts = doc.elements.filter((e) => e.name === 'script');
  assert.ok(scripts.length <= 1, `${what}: ${scripts.length} scripts`);
  if (scripts[0]) {
    // A script's text is not entity-decoded: JSON.parse reads exactly what a browser's JSON-LD reader does.
    const data = JSON.parse(scripts[0].text) as Record<string, unknown>;
    if (data.description !== undefined) assert.equal(data.description, content.body, `${what}: JSON-LD description`);
    if (data['@type'] === 'Event') assert.equal(data.name, content.title, `${what}: JSON-LD name`);
  }
}

function checkIndex(index: string, contents: readonly NoticeInput[], what: string): void {
  const doc = parseHtml(index);
  assertInertHtml(doc, PAGE, what);
  const titles = doc.elements.filter((e) => e.name === 'a' && e.attribs.href?.startsWith('notices/')).map((e) => e.text);
  assert.deepEqual([...titles].sort(), contents.map((c) => c.title).sort(), `${what}: the listed titles`);
  assert.equal(doc.elements.filter((e) => e.name === 'h2').length, contents.length, `${what}: one h2 per notice`);
}

async function checkAtom(atom: string, notices: readonly { id: string; content: NoticeInput }[], what: string): Promise<void> {
  await assertWellFormedXml(atom, what);
  const feed = parseXml(atom, what);
  assert.equal(feed.tagName, 'feed');
  const children = childElements(feed);
  assert.deepEqual(children.map((c) => c.tagName).filter((n) => n !== 'entry'), FEED, `${what}: the feed's own elements`);
  const entries = children.filter((c) => c.tagName === 'entry');
  assert.equal(entries.length, notices.length, `${what}: entries`);
  for (const entry of entries) {
    const parts = childElements(entry);
    assert.deepEqual(parts.map((p) => p.tagName), ENTRY, `${what}: an entry's elements`);
    for (const part of parts) if (part.tagName !== 'link' && part.tagName !== 'category') assert.deepEqual(childElements(part), [], `${what}: markup inside <${part.tagName}>`);
    const [idOf, titleOf, , , , , , contentOf] = parts;
    assert.ok(idOf && titleOf && contentOf);
    const id = idOf.textContent ?? '';
    const notice = notices.find((n) => id === `urn:uuid:${n.id}`);
    assert.ok(notice, `${what}: an entry ${id}, which no notice has`);
    const { content } = notice;
    assert.equal(titleOf.textContent, xmlLines(content.title), `${what}: the entry's title`);
    assert.equal(titleOf.getAttribute('type'), 'text');
    assert.equal(contentOf.getAttribute('type'), 'html');
    // The escaped HTML content, as a feed reader renders it.
    const html = parseHtml(contentOf.textContent ?? '');
    assertInertHtml(html, ATOM_CONTENT, `${what} <content>`);
    const text = html.elements.map((e) => (e.name === 'p' ? e.text : '')).join('\n');
    for (const line of linesOf(xmlLines(content.body))) assert.ok(text.includes(line), `${what}: body line missing from <content>: ${JSON.stringify(line.slice(0, 80))}`);
  }
}

function checkCalendar(ics: string, notices: readonly { id: string; content: NoticeInput; url: string }[], what: string): void {
  assert.ok(ics.endsWith('\r\n'), `${what}: the last line ends in CRLF`);
  for (const line of ics.slice(0, -2).split('\r\n')) {
    assert.ok(!/[\r\n]/.test(line), `${what}: a bare CR or LF inside a line: ${JSON.stringify(line.slice(0, 80))}`);
    assert.ok(Buffer.byteLength(line) <= 75, `${what}: a line of ${Buffer.byteLength(line)} octets`);
  }
  const calendar = ICAL.Component.fromString(ics);
  assert.equal(calendar.name, 'vcalendar');
  assert.deepEqual(calendar.getAllProperties().map((p) => p.name), CALENDAR, `${what}: the calendar's properties`);
  assert.deepEqual(calendar.getAllSubcomponents().map((c) => c.name).filter((n) => n !== 'vevent'), [], `${what}: components other than VEVENT`);
  const events = calendar.getAllSubcomponents('vevent');
  const expected = notices.filter((n) => hasCalendarEvent(n.content.type, n.content.fields));
  assert.equal(events.length, expected.length, `${what}: VEVENTs`);
  for (const n of expected) {
    const event = events.find((e) => String(e.getFirstPropertyValue('uid')).startsWith(`${n.id}@`));
    assert.ok(event, `${what}: no VEVENT for ${n.content.type} ${n.id}`);
    const names = event.getAllProperties().map((p) => p.name);
    assert.deepEqual(names.filter((p, i) => names.indexOf(p) !== i), [], `${what}: a property twice`);
    const place = n.content.fields.place ?? (n.content.type === 'meeting' ? n.content.fields.streamUrl : undefined);
    const want = ['uid', 'dtstamp', 'sequence', 'dtstart', ...(event.hasProperty('dtend') ? ['dtend'] : []), 'summary', 'description', ...(place === undefined ? [] : ['location']), 'url', 'status'];
    assert.deepEqual(names, want, `${what}: the VEVENT's properties`);
    const summary = String(event.getFirstPropertyValue('summary'));
    assert.ok(summary === lf(n.content.title) || summary.endsWith(`: ${lf(n.content.title)}`), `${what}: SUMMARY ${JSON.stringify(summary.slice(0, 80))}`);
    assert.equal(event.getFirstPropertyValue('description'), `${lf(n.content.body)}\n\n${n.url}`, `${what}: DESCRIPTION`);
    if (typeof place === 'string') assert.equal(event.getFirstPropertyValue('location'), lf(place), `${what}: LOCATION`);
    assert.equal(event.getFirstPropertyValue('url'), n.url, `${what}: URL`);
  }
}

function checkJson(json: string, notices: readonly { id: string; content: NoticeInput }[], what: string): void {
  const document = JSON.parse(json) as { notices: { id: string; title: string; body: string; fields: unknown; attachments: unknown; translations: unknown }[] };
  assert.equal(document.notices.length, notices.length, `${what}: notices`);
  for (const n of notices) {
    const item = document.notices.find((i) => i.id === n.id);
    assert.ok(item, `${what}: ${n.id} missing`);
    assert.equal(item.title, n.content.title);
    assert.equal(item.body, n.content.body);
    assert.deepEqual(item.fields, n.content.fields);
    assert.deepEqual(item.attachments, n.content.attachments ?? []);
  }
}


const website = (now: Date) => createWebsiteChannel({ webRoot, clock: () => now });

/** Renders the accepted notice (beside a plain meeting) through every website output and checks each. */
async function renderAndCheck(accepted: { id: string; content: NoticeInput }, neighbour: { id: string; content: NoticeInput }, what: string): Promise<void> {
  const [task] = await tasksOf(t, accepted.id);
  const [other] = await tasksOf(t, neighbour.id);
  assert.ok(task && other, 'no publication to render');
  const pageTask: PublicationTask = { ...task, channel: 'website', target: null };
  const now = task.notice.publishAt;
  const artifact = await website(now).render(pageTask);
  checkPage(artifact.bytes.toString('utf8'), task.notice.content, task.tenant.name, `${what} page`);
  const listed = [task, other].map((x) => ({ notice: x.notice, url: noticeUrl(x.tenant, x.notice.id), publishedAt: now }));
  await rebuildIndexes(webRoot, task.tenant, listed, now);
  const read = (name: string) => readFile(join(webRoot, task.tenant.slug, name), 'utf8');
  const contents = [task.notice.content, other.notice.content];
  const notices = [task, other].map((x) => ({ id: x.notice.id, content: x.notice.content, url: noticeUrl(x.tenant, x.notice.id) }));
  checkIndex(await read('index.html'), contents, `${what} index.html`);
  await checkAtom(await read('feed.atom'), notices, `${what} feed.atom`);
  checkCalendar(await read('calendar.ics'), notices, `${what} calendar.ics`);
  checkJson(await read('notices.json'), notices, `${what} notices.json`);
}

let neighbour: { id: string; content: NoticeInput } | undefined;
async function plainMeeting(): Promise<{ id: string; content: NoticeInput }> {
  if (neighbour) return neighbour;
  const content = example('meeting');
  const accepted = await submitPlanted(t, key, content, content);
  assert.ok(accepted, 'the plain meeting was refused');
  neighbour = accepted;
  return neighbour;
}

test('the fixed hostile strings, in every text of a notice (each type in turn), stay text on every website output', async () => {
  for (const [i, hostile] of HOSTILE_STRINGS.entries()) {
    const base = BASES[i % BASES.length] ?? 'announcement';
    const content = example(base);
    const accepted = await submitPlanted(t, key, content, plant(content, [hostile]));
    assert.ok(accepted, `${base} with ${JSON.stringify(hostile.slice(0, 40))} could not be made acceptable`);
    await renderAndCheck(accepted, await plainMeeting(), `${base} + ${JSON.stringify(hostile.slice(0, 40))}`);
  }
});

test('generated hostile strings stay text on every website output', async () => {
  await fc.assert(
    fc.asyncProperty(planting, async ({ base, hostile }) => {
      const content = example(base);
      const accepted = await submitPlanted(t, key, content, plant(content, hostile));
      fc.pre(accepted !== null);
      await renderAndCheck(accepted, await plainMeeting(), `${base} + ${JSON.stringify(hostile).slice(0, 80)}`);
    }),
    { seed: SEED, numRuns: runs(30), endOnFailure: true },
  );
});
