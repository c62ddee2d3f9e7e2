import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { PermanentChannelError } from '../../../src/channels/types.ts';
import { TEMP_PREFIX } from '../../../src/channels/website/atomic-write.ts';
import { createWebsiteChannel } from '../../../src/channels/website/index.ts';
import { BASE_URL, snapshot, task, tempWebRoot } from './fixtures.ts';

const clock = (): Date => new Date('2030-03-02T09:00:00Z');

async function setup() {
  const root = await tempWebRoot();
  return { root, website: createWebsiteChannel({ webRoot: root, clock }) };
}

test('render gives the page as UTF-8 HTML', async () => {
  const { website } = await setup();
  const artifact = await website.render(task(snapshot('vacancy')));
  assert.equal(artifact.contentType, 'text/html; charset=utf-8');
  assert.match(artifact.bytes.toString('utf8'), /^<!DOCTYPE html>\n<html lang="nb">/);
});

test('deliver writes the exact bytes to <slug>/notices/<id>.html and answers with the public URL', async () => {
  const { root, website } = await setup();
  const t = task(snapshot('vacancy'));
  const artifact = await website.render(t);
  const receipt = await website.deliver(t, artifact);
  const file = join(root, 'asnes', 'notices', `${t.notice.id}.html`);
  assert.ok((await readFile(file)).equals(artifact.bytes));
  assert.equal(receipt.url, `${BASE_URL}notices/${t.notice.id}.html`);
  assert.equal(receipt.externalId, join('asnes', 'notices', `${t.notice.id}.html`));
  assert.deepEqual(receipt.at, clock());
  assert.equal(receipt.details?.bytes, artifact.bytes.length);
  assert.match(String(receipt.details.sha256), /^[0-9a-f]{64}$/);
});

test('deliver leaves no temp files, also when replacing a page', async () => {
  const { root, website } = await setup();
  const t = task(snapshot('event'));
  await website.deliver(t, await website.render(t));
  const corrected = task({ ...t.notice, version: 2, content: { ...t.notice.content, title: 'Rettet tittel' } });
  await website.deliver(corrected, await website.render(corrected));
  const names = await readdir(join(root, 'asnes', 'notices'));
  assert.deepEqual(names, [`${t.notice.id}.html`]);
  assert.ok(!names.some((n) => n.startsWith(TEMP_PREFIX)));
  assert.match(await readFile(join(root, 'asnes', 'notices', names[0] ?? ''), 'utf8'), /<h1>Rettet tittel<\/h1>/);
});

test('findExisting adopts a page with identical bytes and rejects any other', async () => {
  const { root, website } = await setup();
  const t = task(snapshot('meeting'));
  const artifact = await website.render(t);
  assert.equal(await website.findExisting(t, artifact), null, 'nothing there yet');
  await website.deliver(t, artifact);
  const found = await website.findExisting(t, artifact);
  assert.ok(found !== null && typeof found === 'object');
  assert.equal(found.url, `${BASE_URL}notices/${t.notice.id}.html`);
  assert.equal(found.details?.adopted, true);
  await writeFile(join(root, 'asnes', 'notices', `${t.notice.id}.html`), Buffer.concat([artifact.bytes, Buffer.from(' ')]));
  assert.equal(await website.findExisting(t, artifact), null, 'a different file is not this delivery');
});

test('withdraw replaces the page with a short withdrawn page and returns its bytes for the archive', async () => {
  const { root, website } = await setup();
  const t = task(snapshot('vacancy'));
  const delivered = await website.deliver(t, await website.render(t));
  const receipt = await website.withdraw(t, delivered);
  const page = await readFile(join(root, 'asnes', 'notices', `${t.notice.id}.html`), 'utf8');
  assert.match(page, /<html lang="nb">/);
  assert.match(page, /<h1>Kunngjøringen er trukket tilbake<\/h1>/);
  assert.match(page, /<q>Sykepleier ved Åsnes helsetun – 100 % fast stilling<\/q>/);
  assert.doesNotMatch(page, /JobPosting/, 'job boards drop a withdrawn vacancy');
  assert.equal(receipt.url, delivered.url);
  assert.equal(receipt.details?.withdrawn, true);
  assert.equal(receipt.details.html, page);
});

test('a notice id that is not a plain name is refused (permanently) before anything is written', async () => {
  const { root, website } = await setup();
  const t = task({ ...snapshot('event'), id: '../../etc/passwd' });
  await assert.rejects(website.render(t), PermanentChannelError);
  await assert.rejects(website.deliver(t, { bytes: Buffer.from('x'), contentType: 'text/html' }), PermanentChannelError);
  assert.deepEqual(await readdir(root), []);
});

test('publicBaseUrl, when given, is the base of the receipt URL', async () => {
  const root = await tempWebRoot();
  const website = createWebsiteChannel({ webRoot: root, clock, publicBaseUrl: 'http://127.0.0.1:3000/public/' });
  const t = task(snapshot('event'));
  const receipt = await website.deliver(t, await website.render(t));
  assert.equal(receipt.url, `http://127.0.0.1:3000/public/asnes/notices/${t.notice.id}.html`);
});
