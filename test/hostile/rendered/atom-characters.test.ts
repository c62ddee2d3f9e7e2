import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderAtom } from '../../../src/channels/website/atom.ts';
import { currentNotices } from '../../../src/channels/website/current.ts';
import { BASE_URL, listed, snapshot, tenant } from '../../channels/website/fixtures.ts';
import { assertWellFormedXml, childElements, parseXml } from './inert.ts';

test('a title or body with U+FFFF or U+FFFE (which the intake accepts) leaves the Atom feed well-formed, the text otherwise as written', async () => {
  const odd = snapshot('announcement', '2030-03-01T08:00:00Z', (c) => {
    c.title = 'Vannet stenges \uffff i Flisa';
    c.body = 'Natt til 12. mars \ufffe stenges vannet.';
  });
  const plain = snapshot('announcement', '2030-03-01T09:00:00Z');
  const now = new Date('2030-03-02T12:00:00Z');
  const atom = (await renderAtom(tenant(), await currentNotices([listed(odd), listed(plain)], tenant(), now), BASE_URL, now)).join('');
  await assertWellFormedXml(atom, 'feed.atom');
  const entries = childElements(parseXml(atom, 'feed.atom')).filter((e) => e.tagName === 'entry');
  assert.equal(entries.length, 2, 'both notices are in the feed');
  const titles = entries.map((e) => childElements(e).find((c) => c.tagName === 'title')?.textContent);
  assert.ok(titles.includes('Vannet stenges \ufffd i Flisa'), `titles: ${JSON.stringify(titles)}`);
});
