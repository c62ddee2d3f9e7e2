import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { extract } from 'tar';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { afterClosedYear, archivePublishedPage, CLOSED_YEAR } from '../helpers/archived-page.ts';
import type { Problem } from '../helpers/workers.ts';

// GET /v1/archive/export: a closed period's extraction as a tar, validated before it leaves; bad
// periods are 400 problems, an empty one 404, and only archivists and administrators see the route.

const year = CLOSED_YEAR;
let t: TestApp;
let archivist: string;

before(async () => {
  t = await buildTestApp({ clock: afterClosedYear });
  archivist = await t.key('asnes', 'archivist');
  await archivePublishedPage(t);
});
after(() => t.close());

/** `key` '' sends no Authorization header. */
const get = (url: string, key = archivist) => t.app.inject({ url, headers: key === '' ? {} : { authorization: `Bearer ${key}` } });

test('a closed year: a tar of the extraction, every XML file and XSD, the document', async () => {
  const res = await get(`/v1/archive/export?year=${year}`);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/x-tar');
  assert.equal(res.headers['content-disposition'], `attachment; filename="asnes-noark5-${year}.tar"`);
  const dir = await mkdtemp(join(tmpdir(), 'herald-export-tar-'));
  try {
    await writeFile(join(dir, 'x.tar'), res.rawPayload);
    await extract({ file: join(dir, 'x.tar'), cwd: dir });
    const files = (await readdir(dir)).filter((f) => f !== 'x.tar').sort();
    assert.deepEqual(files, ['DOKUMENT', 'addml.xsd', 'arkivstruktur.xml', 'arkivstruktur.xsd', 'arkivuttrekk.xml', 'endringslogg.xml', 'endringslogg.xsd', 'loependeJournal.xml', 'loependeJournal.xsd', 'metadatakatalog.xsd', 'offentligJournal.xml', 'offentligJournal.xsd']);
    assert.deepEqual(await readdir(join(dir, 'DOKUMENT', String(year))), ['00000001.pdf']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bad periods are 400 problems: from after to, over one year, not closed yet, both or neither', async () => {
  for (const query of [
    `from=${year}-05-02&to=${year}-05-01`,
    `from=${year - 1}-12-01&to=${year}-01-31`,
    `year=${year + 1}`,
    `from=${year + 1}-01-01&to=${year + 1}-01-02`,
    `year=${year}&from=${year}-01-01`,
    '',
    'year=20x6',
    `from=${year}-02-30&to=${year}-03-01`,
  ]) {
    const res = await get(`/v1/archive/export?${query}`);
    assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  }
  const over = await get(`/v1/archive/export?from=${year - 1}-12-01&to=${year}-01-31`);
  assert.match(over.json<Problem>().errors?.[0]?.message ?? '', /over the limit/);
});

test('a period with nothing archived is 404; the period of a closed part of the year works', async () => {
  const empty = await get(`/v1/archive/export?year=${year - 5}`);
  assert.equal(empty.statusCode, 404);
  assert.equal(empty.json<Problem>().type, '/docs/errors#herald_err_not_found');
  assert.equal((await get(`/v1/archive/export?from=${year}-01-01&to=${year}-12-31`)).statusCode, 200);
});

test('other roles and other municipalities: 404; no key: 401', async () => {
  for (const role of ['hr', 'communications'] as const) {
    assert.equal((await get(`/v1/archive/export?year=${year}`, await t.key('asnes', role))).statusCode, 404, role);
  }
  assert.equal((await get(`/v1/archive/export?year=${year}`, await t.key('karasjok', 'archivist'))).statusCode, 404);
  assert.equal((await get(`/v1/archive/export?year=${year}`, '')).statusCode, 401);
});
