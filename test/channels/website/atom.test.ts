import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { NoticeSnapshot } from '../../../src/channels/types.ts';
import { rebuildIndexes } from '../../../src/channels/website/index.ts';
import { BASE_URL, listed, snapshot, tempWebRoot, tenant } from './fixtures.ts';

const ATOM = 'http://www.w3.org/2005/Atom';
const XML = 'http://www.w3.org/XML/1998/namespace';
const NOW = new Date('2030-03-05T12:00:00Z');

// Any well-formedness error or warning fails the test: the feed must parse as strict XML.
const parser = new DOMParser({
  onError: (level, message) => {
    throw new Error(`feed.atom ${level}: ${message}`);
  },
});

/** Child elements of `parent` in the Atom namespace with this local name. */
function children(parent: Element, name: string): Element[] {
  return Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === n.ELEMENT_NODE && (n as Element).namespaceURI === ATOM && (n as Element).localName === name);
}

function child(parent: Element, name: string): Element {
  const [found] = children(parent, name);
  assert.ok(found, `<${name}> in <${parent.localName}>`);
  return found;
}

const text = (parent: Element, name: string): string => child(parent, name).textContent ?? '';

async function feedFor(notices: NoticeSnapshot[], now = NOW): Promise<{ xml: string; feed: Element }> {
  const root = await tempWebRoot();
  await rebuildIndexes(root, tenant(), notices.map((n) => listed(n, new Date(n.publishAt.getTime() + 60_000))), now);
  const xml = await readFile(join(root, 'asnes', 'feed.atom'), 'utf8');
  const feed = parser.parseFromString(xml, 'application/xml').documentElement;
  assert.ok(feed);
  assert.equal(feed.namespaceURI, ATOM);
  assert.equal(feed.localName, 'feed');
  return { xml, feed };
}

test('feed.atom is Atom 1.0 with id, title, updated, author and a self link', async () => {
  const { feed } = await feedFor([snapshot('vacancy', '2030-03-01T08:00:00Z'), snapshot('meeting', '2030-03-02T08:00:00Z')]);
  assert.equal(feed.getAttributeNS(XML, 'lang'), 'nb');
  assert.equal(text(feed, 'id'), `${BASE_URL}feed.atom`);
  assert.equal(text(feed, 'title'), 'Åsnes kommune: Kunngjøringer');
  assert.equal(text(feed, 'updated'), '2030-03-02T08:01:00.000Z', 'the newest entry');
  const self = children(feed, 'link').find((l) => l.getAttribute('rel') === 'self');
  assert.equal(self?.getAttribute('href'), `${BASE_URL}feed.atom`);
  assert.equal(self.getAttribute('type'), 'application/atom+xml');
  assert.equal(text(child(feed, 'author'), 'name'), 'Åsnes kommune');
});

test('one entry per current notice, newest first, with urn:uuid id, dates, link, summary and content', async () => {
  const vacancy = snapshot('vacancy', '2030-03-01T08:00:00Z');
  const meeting = snapshot('meeting', '2030-03-02T08:00:00Z');
  const { feed } = await feedFor([vacancy, meeting]);
  const entries = children(feed, 'entry');
  assert.deepEqual(
    entries.map((e) => text(e, 'id')),
    [`urn:uuid:${meeting.id}`, `urn:uuid:${vacancy.id}`],
  );
  const [, entry] = entries;
  assert.ok(entry);
  assert.equal(text(entry, 'title'), vacancy.content.title);
  assert.equal(text(entry, 'published'), '2030-03-01T08:00:00.000Z');
  assert.equal(text(entry, 'updated'), '2030-03-01T08:01:00.000Z');
  const link = child(entry, 'link');
  assert.equal(link.getAttribute('rel'), 'alternate');
  assert.equal(link.getAttribute('href'), `${BASE_URL}notices/${vacancy.id}.html`);
  assert.equal(child(entry, 'category').getAttribute('term'), 'vacancy');
  assert.match(text(entry, 'summary'), /^Åsnes helsetun har ledig 100 % fast stilling/);
  assert.equal(child(entry, 'content').getAttribute('type'), 'html');
  assert.match(text(entry, 'content'), /^<p>Åsnes helsetun har ledig/);
});

test('markup in user text is escaped once and comes back exactly', async () => {
  const hostile = snapshot('announcement', '2030-03-01T08:00:00Z', (c) => {
    c.title = '<script>alert("x")</script> & \'quotes\'';
    c.body = '</content></entry><entry><id>forged</id>';
  });
  const { xml, feed } = await feedFor([hostile]);
  assert.doesNotMatch(xml, /<script>/);
  const entries = children(feed, 'entry');
  assert.equal(entries.length, 1, 'no forged entry');
  const [entry] = entries;
  assert.ok(entry);
  assert.equal(text(entry, 'title'), '<script>alert("x")</script> & \'quotes\'');
  // type="html": the content is HTML whose text is the body, so the body's markup is escaped within it.
  assert.equal(text(entry, 'content'), '<p>&lt;/content&gt;&lt;/entry&gt;&lt;entry&gt;&lt;id&gt;forged&lt;/id&gt;</p>\n');
});

test('an entry in another language than the municipality carries xml:lang', async () => {
  const { feed } = await feedFor([snapshot('announcement', '2030-03-01T08:00:00Z', (c) => (c.language = 'se'))]);
  assert.equal(children(feed, 'entry')[0]?.getAttributeNS(XML, 'lang'), 'se');
});

test('an empty feed is still valid Atom, updated now', async () => {
  const { feed } = await feedFor([]);
  assert.equal(children(feed, 'entry').length, 0);
  assert.equal(text(feed, 'updated'), NOW.toISOString());
});
