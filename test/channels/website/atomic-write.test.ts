import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic } from '../../../src/channels/website/atomic-write.ts';
import { tempWebRoot } from './fixtures.ts';

test('writes the bytes, creating the folder, and replaces an existing file whole', async () => {
  const root = await tempWebRoot();
  const file = join(root, 'a', 'b', 'page.html');
  await writeFileAtomic(file, 'first');
  await writeFileAtomic(file, Buffer.from('second'));
  assert.equal(await readFile(file, 'utf8'), 'second');
  assert.deepEqual(await readdir(join(root, 'a', 'b')), ['page.html']);
});

test('a text in parts is written as the parts joined, over several write groups, multi-byte characters whole', async () => {
  const root = await tempWebRoot();
  const file = join(root, 'feed.atom');
  // About 3 MB of text: more than one group of parts is encoded and written.
  const parts = Array.from({ length: 3000 }, (_, i) => `<entry n="${i}">Åsnes – søknadsfrist 🗓 ${'ø'.repeat(960)}</entry>\n`);
  await writeFileAtomic(file, parts);
  assert.equal(await readFile(file, 'utf8'), parts.join(''));
  assert.deepEqual(await readdir(root), ['feed.atom']);
});

test('a failed rename removes its temp file and leaves the target alone', async () => {
  const root = await tempWebRoot();
  const target = join(root, 'page.html');
  // A directory in the way: rename(2) over it fails after the temp file was written.
  await mkdir(join(target, 'inside'), { recursive: true });
  await assert.rejects(writeFileAtomic(target, 'new'));
  assert.deepEqual(await readdir(root), ['page.html']);
  assert.deepEqual(await readdir(target), ['inside']);
});

test('a folder removed after a first write is made again', async () => {
  const root = await tempWebRoot();
  const file = join(root, 'gone', 'page.html');
  await writeFileAtomic(file, 'first');
  await rm(join(root, 'gone'), { recursive: true });
  await writeFileAtomic(file, 'second');
  assert.equal(await readFile(file, 'utf8'), 'second');
});

test('many pages written side by side into one folder (sharing folder fsyncs) all land whole, no temp file left', async () => {
  const root = await tempWebRoot();
  const pages = Array.from({ length: 200 }, (_, i) => [join(root, 'notices', `${i}.html`), `page ${i} `.repeat(100 + i)] as const);
  await Promise.all(pages.map(([file, text]) => writeFileAtomic(file, text)));
  for (const [file, text] of pages) assert.equal(await readFile(file, 'utf8'), text);
  assert.equal((await readdir(join(root, 'notices'))).length, pages.length);
});
