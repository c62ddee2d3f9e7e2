import assert from 'node:assert/strict';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { TEMP_PREFIX } from '../../../src/channels/website/atomic-write.ts';
import { createWebsiteChannel, rebuildIndexes } from '../../../src/channels/website/index.ts';
import { BASE_URL, listed, snapshot, task, tempWebRoot, tenant } from './fixtures.ts';

async function read(root: string, name: string): Promise<string> {
  return readFile(join(root, 'asnes', name), 'utf8');
}

test('index.html lists current notices newest first, linking to their pages', async () => {
  const root = await tempWebRoot();
  const older = snapshot('vacancy', '2030-03-01T08:00:00Z');
  const newer = snapshot('event', '2030-03-03T08:00:00Z');
  const sami = snapshot('announcement', '2030-03-02T08:00:00Z', (c) => (c.language = 'se'));
  const result = await rebuildIndexes(root, tenant(), [older, newer, sami].map((n) => listed(n)), new Date('2030-03-05T12:00:00Z'));
  assert.equal(result.current, 3);
  const index = await read(root, 'index.html');
  assert.match(index, /<html lang="nb">/);
  assert.match(index, /<main>\n<h1>Kunngjøringer<\/h1>/);
  const links = [...index.matchAll(/<a href="notices\/([^"]+)\.html"/g)].map((m) => m[1]);
  assert.deepEqual(links, [newer.id, sami.id, older.id]);
  assert.match(index, new RegExp(`<a href="notices/${sami.id}\\.html" lang="se">`));
  assert.match(index, /<a href="feed\.atom" type="application\/atom\+xml">/);
});

test('notices.json lists the current notices with url, times and fields', async () => {
  const root = await tempWebRoot();
  const vacancy = snapshot('vacancy', '2030-03-01T08:00:00Z');
  await rebuildIndexes(root, tenant(), [listed(vacancy)], new Date('2030-03-05T12:00:00Z'));
  const document = JSON.parse(await read(root, 'notices.json')) as { municipality: { organisationNumber: string }; notices: Record<string, unknown>[] };
  assert.equal(document.municipality.organisationNumber, '964947007');
  assert.equal(document.notices.length, 1);
  const [entry] = document.notices;
  assert.equal(entry?.id, vacancy.id);
  assert.equal(entry.url, `${BASE_URL}notices/${vacancy.id}.html`);
  assert.equal(entry.publishAt, '2030-03-01T09:00:00+01:00');
  assert.equal(entry.expiresAt, '2030-05-07T00:00:00+02:00');
  assert.deepEqual(entry.fields, vacancy.content.fields);
});

test('an expired notice leaves the index, both feeds and notices.json, but its page stays', async () => {
  const root = await tempWebRoot();
  const clock = (): Date => new Date('2030-03-02T09:00:00Z');
  const website = createWebsiteChannel({ webRoot: root, clock });
  const meeting = snapshot('meeting', '2030-09-01T08:00:00Z');
  const vacancy = snapshot('vacancy', '2030-04-01T08:00:00Z');
  for (const notice of [meeting, vacancy]) {
    const t = task(notice);
    await website.deliver(t, await website.render(t));
  }
  const listing = [listed(meeting), listed(vacancy)];
  const files = ['index.html', 'feed.atom', 'calendar.ics', 'notices.json'];

  await rebuildIndexes(root, tenant(), listing, new Date('2030-09-19T18:30:00+02:00'));
  for (const file of files) assert.ok((await read(root, file)).includes(meeting.id), `${file} lists the meeting while it is on`);
  assert.ok(!(await read(root, 'index.html')).includes(vacancy.id), 'the vacancy closed on 6 May');

  await rebuildIndexes(root, tenant(), listing, new Date('2030-09-19T21:00:00+02:00'));
  for (const file of files) assert.ok(!(await read(root, file)).includes(meeting.id), `${file} no longer lists the meeting once it is over`);
  await access(join(root, 'asnes', 'notices', `${meeting.id}.html`));
  await access(join(root, 'asnes', 'notices', `${vacancy.id}.html`));
});

test('a notice in the list is current up to the last second of its deadline day', async () => {
  const root = await tempWebRoot();
  const vacancy = snapshot('vacancy', '2030-04-01T08:00:00Z');
  assert.equal((await rebuildIndexes(root, tenant(), [listed(vacancy)], new Date('2030-05-06T23:59:59+02:00'))).current, 1);
  assert.equal((await rebuildIndexes(root, tenant(), [listed(vacancy)], new Date('2030-05-07T00:00:00+02:00'))).current, 0);
  assert.match(await read(root, 'index.html'), /<p>Ingen aktuelle kunngjøringer akkurat nå\.<\/p>/);
});

test('index files are written atomically: no temp files remain, repeated rebuilds included', async () => {
  const root = await tempWebRoot();
  const listing = [listed(snapshot('event')), listed(snapshot('plan-oppstart'))];
  await Promise.all([1, 2, 3].map(() => rebuildIndexes(root, tenant(), listing, new Date('2030-03-05T12:00:00Z'))));
  const names = await readdir(join(root, 'asnes'));
  assert.deepEqual(names.sort(), ['calendar.ics', 'feed.atom', 'index.html', 'notices.json']);
  assert.ok(!names.some((n) => n.startsWith(TEMP_PREFIX)));
});

test('publicBaseUrl, when given, is where the feeds point', async () => {
  const root = await tempWebRoot();
  await rebuildIndexes(root, tenant(), [], new Date('2030-03-05T12:00:00Z'), { publicBaseUrl: 'http://127.0.0.1:3000/public' });
  assert.match(await read(root, 'feed.atom'), /<link rel="self" type="application\/atom\+xml" href="http:\/\/127\.0\.0\.1:3000\/public\/asnes\/feed\.atom"\/>/);
});

test('a rebuild after a correction lists the new version everywhere, not an entry kept from before', async () => {
  const root = await tempWebRoot();
  const first = snapshot('event', '2030-03-01T08:00:00Z', (c) => (c.title = 'Konsert i Flisa kirke'));
  const now = new Date('2030-03-05T12:00:00Z');
  await rebuildIndexes(root, tenant(), [listed(first)], now);
  const corrected = { ...first, version: 2, content: { ...first.content, title: 'Konsert i Åsnes kirke' } };
  await rebuildIndexes(root, tenant(), [listed(corrected, new Date('2030-03-02T08:00:00Z'))], now);
  for (const name of ['index.html', 'feed.atom', 'notices.json', 'calendar.ics']) {
    const text = await read(root, name);
    assert.match(text, /Åsnes kirke/, `${name} lacks the corrected title`);
    assert.doesNotMatch(text, /Flisa kirke/, `${name} still has the first version's title`);
  }
});
