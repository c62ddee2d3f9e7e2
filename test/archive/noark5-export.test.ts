import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { exportExtraction, type ExportPeriod, exportPeriod, type ExportSummary, validateExtraction } from '../../src/archive/noark5/index.ts';
import { declaresPdfA } from '../../src/archive/rendition/index.ts';
import { allDayDirectory } from '../publishing/facebook-scene.ts';
import { CLOSED_ITEM, COMMENTER, everyChannel, type EveryChannel } from './every-channel.ts';

// A real extraction: notices that went through every channel (website, Facebook with a comment, a
// newspaper ad confirmed in print), a correction, a withdrawal, a cancellation, a screened meeting
// item and a daily seal, exported as Noark 5 v5.0 — and checked the way a depot would: every XML
// file against the official XSDs, every checksum in arkivuttrekk.xml against the file, every
// dokumentobjekt against its PDF, every reference of the change log against arkivstruktur.xml.

const run = promisify(execFile);
const STANDARDS = new URL('../../src/archive/noark5/schemas/', import.meta.url).pathname;
let e: EveryChannel;
let dir: string;
let summary: ExportSummary;
let period: ExportPeriod;
const year = new Date().getFullYear();
/** The export runs as if on 2 January next year, when this year is closed. */
const nextYear = new Date(`${year + 1}-01-02T09:00:00Z`);

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, 'text/xml');
}
const texts = (root: ReturnType<typeof parse> | Element, name: string): string[] =>
  Array.from(root.getElementsByTagName(name)).map((el) => el.textContent ?? '');

before(async () => {
  e = await everyChannel();
  dir = await mkdtemp(join(tmpdir(), 'herald-noark5-'));
  const result = exportPeriod({ year: String(year) }, 'Europe/Oslo', nextYear);
  assert.ok(result.ok);
  period = result.period;
  const directory = allDayDirectory();
  summary = await exportExtraction({
    pool: e.s.t.db.pool,
    tenantId: e.tenantId,
    tenant: directory.get('asnes')?.tenant ?? assert.fail('no asnes'),
    period,
    dir,
    exportedBy: 'Arkivar Test',
    screenedOf: (type) => directory.get('asnes')?.rules.get(type)?.screened ?? [],
    now: nextYear,
  });
});
after(async () => {
  await e.close();
  await rm(dir, { recursive: true, force: true });
});

test('the package: the six official XSDs unchanged, five XML files, one PDF per record; no validation problem', async () => {
  assert.deepEqual(summary.problems, []);
  const files = (await readdir(dir)).sort();
  assert.deepEqual(files, ['DOKUMENT', 'addml.xsd', 'arkivstruktur.xml', 'arkivstruktur.xsd', 'arkivuttrekk.xml', 'endringslogg.xml', 'endringslogg.xsd', 'loependeJournal.xml', 'loependeJournal.xsd', 'metadatakatalog.xsd', 'offentligJournal.xml', 'offentligJournal.xsd']);
  for (const xsd of files.filter((f) => f.endsWith('.xsd'))) {
    assert.deepEqual(await readFile(join(dir, xsd)), await readFile(join(STANDARDS, xsd)), `${xsd} changed`);
  }
  const { rows } = await e.s.t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_records WHERE tenant_id = $1', [e.tenantId]);
  assert.equal(summary.dokumentfiler, rows[0]?.n, 'one document per record');
  assert.equal((await readdir(join(dir, 'DOKUMENT', String(year)))).length, summary.dokumentfiler);
});

test('every XML file validates against its XSD (xmllint, whole-document mode as well)', async () => {
  const pairs = [['arkivstruktur.xml', 'arkivstruktur.xsd'], ['loependeJournal.xml', 'loependeJournal.xsd'], ['offentligJournal.xml', 'offentligJournal.xsd'], ['endringslogg.xml', 'endringslogg.xsd'], ['arkivuttrekk.xml', 'addml.xsd']];
  for (const [xml, xsd] of pairs) {
    const { stderr } = await run('xmllint', ['--noout', '--schema', join(dir, xsd ?? ''), join(dir, xml ?? '')]);
    assert.match(stderr, /validates/, xml);
  }
});

test('arkivuttrekk.xml: the SHA-256 of every file it names is that file\'s; counts match the files', async () => {
  const addml = parse(await readFile(join(dir, 'arkivuttrekk.xml'), 'utf8'));
  const properties = Array.from(addml.getElementsByTagName('property'));
  const fileProps = properties.filter((p) => p.getAttribute('name') === 'file');
  let checked = 0;
  for (const file of fileProps) {
    const name = Array.from(file.getElementsByTagName('property')).find((p) => p.getAttribute('name') === 'name')?.getElementsByTagName('value')[0]?.textContent;
    const checksum = Array.from(file.getElementsByTagName('property')).find((p) => p.getAttribute('name') === 'checksum');
    if (!name || !checksum) continue;
    const value = Array.from(checksum.getElementsByTagName('property')).find((p) => p.getAttribute('name') === 'value')?.getElementsByTagName('value')[0]?.textContent;
    assert.equal(value, createHash('sha256').update(await readFile(join(dir, name))).digest('hex'), name);
    checked += 1;
  }
  assert.equal(checked, 9, 'four XML files and five XSDs');
  const valueOf = (name: string) => properties.find((p) => p.getAttribute('name') === name)?.getElementsByTagName('value')[0]?.textContent;
  assert.equal(valueOf('antallDokumentfiler'), String(summary.dokumentfiler));
  assert.equal(valueOf('inneholderSkjermetInformasjon'), 'true');
  assert.equal(valueOf('startDate'), `${year}-01-01`);
  assert.equal(valueOf('endDate'), `${year}-12-31`);
  const structure = await readFile(join(dir, 'arkivstruktur.xml'), 'utf8');
  assert.equal((structure.match(/<mappe /g) ?? []).length, summary.mapper);
  assert.equal((structure.match(/<registrering[ >]/g) ?? []).length, summary.registreringer);
});

test('every dokumentobjekt names a PDF/A in the package with its true SHA-256 and size; no file twice, none unnamed', async () => {
  const doc = parse(await readFile(join(dir, 'arkivstruktur.xml'), 'utf8'));
  const objects = Array.from(doc.getElementsByTagName('dokumentobjekt'));
  const named = new Set<string>();
  for (const o of objects) {
    const path = texts(o, 'referanseDokumentfil')[0] ?? '';
    assert.ok(!named.has(path), `${path} referenced twice`);
    named.add(path);
    const bytes = await readFile(join(dir, path));
    assert.equal(texts(o, 'sjekksum')[0], createHash('sha256').update(bytes).digest('hex'), path);
    assert.equal(texts(o, 'filstoerrelse')[0], String(bytes.length), path);
    assert.equal(texts(o, 'format')[0], 'pdf');
    assert.ok(declaresPdfA(bytes), `${path} is not PDF/A`);
    assert.match(bytes.toString('latin1'), /pdfaid:part>2<|pdfaid:part="2"/);
  }
  assert.equal(named.size, (await readdir(join(dir, 'DOKUMENT', String(year)))).length);
  const ids = texts(doc, 'systemID');
  assert.equal(new Set(ids).size, ids.length, 'systemIDs are unique');
  assert.doesNotMatch(await readFile(join(dir, 'arkivstruktur.xml'), 'utf8'), /<(\w+)(\s[^>]*)?>\s*<\/\1>|<\w+\/>/, 'no empty elements');
});

test('mapping: a notice is a saksmappe, each post on each channel a journalpost; a correction is a new document version', async () => {
  const doc = parse(await readFile(join(dir, 'arkivstruktur.xml'), 'utf8'));
  const mapper = Array.from(doc.getElementsByTagName('mappe'));
  const titled = (title: string) => mapper.find((m) => texts(m, 'tittel')[0]?.startsWith(title));
  const hearing = titled('Høring om ny skolestruktur');
  assert.ok(hearing);
  const posts = Array.from(hearing.getElementsByTagName('registrering'));
  assert.deepEqual(posts.map((p) => texts(p, 'journalposttype')[0]).sort(), ['Inngående dokument', 'Utgående dokument', 'Utgående dokument']);
  const parties = posts.flatMap((p) => texts(p, 'korrespondansepartNavn')).sort();
  assert.deepEqual(parties, [COMMENTER, 'Publiseringskanal: kommunens Facebook-side', 'Publiseringskanal: kommunens nettsted']);
  const corrected = titled('Brannøvelse i Flisa sentrum (rettet)');
  assert.ok(corrected, 'the case carries the corrected title');
  const main = Array.from(corrected.getElementsByTagName('dokumentbeskrivelse')).find((d) => texts(d, 'tilknyttetRegistreringSom')[0] === 'Hoveddokument');
  assert.ok(main);
  assert.deepEqual(texts(main, 'versjonsnummer'), ['1', '2']);
  const printed = titled('Kunngjøring i Glåmdalen');
  assert.ok(printed);
  assert.ok(texts(printed, 'korrespondansepartNavn').includes('Publiseringskanal: avisen Glåmdalen'));
  const cancelled = titled('Avlyst konsert');
  assert.equal(cancelled && texts(cancelled, 'journalstatus')[0], 'Utgår');
  assert.equal(cancelled && texts(cancelled, 'saksstatus')[0], 'Utgår');
  // Every class of the system is there, used or not, and the daily seal sits in HERALD.
  assert.deepEqual(texts(doc, 'klasseID'), ['STILLING', 'PLAN', 'MOTE', 'ARRANGEMENT', 'KUNNGJORING', 'HERALD']);
  assert.ok(texts(doc, 'tittel').some((t) => t.startsWith('Daglig forsegling')));
});

test('journals: the same journalposts in both, numbered per year; the public one screened', async () => {
  const running = await readFile(join(dir, 'loependeJournal.xml'), 'utf8');
  const open = await readFile(join(dir, 'offentligJournal.xml'), 'utf8');
  const ids = (xml: string) => texts(parse(xml), 'systemID');
  assert.deepEqual(ids(open), ids(running));
  assert.equal(ids(open).length, summary.journalposts);
  assert.deepEqual(texts(parse(open), 'journalsekvensnummer'), ids(open).map((_, i) => String(i + 1)));
  assert.ok(running.includes(COMMENTER), 'the running journal names the sender');
  assert.ok(!open.includes(COMMENTER), 'the public journal never does');
  assert.ok(!open.includes('Ola Nordmann') && !open.includes(CLOSED_ITEM));
  assert.ok(texts(parse(open), 'skjermingMetadata').includes('Skjerming navn avsender'));
  assert.ok(!/<tittel>[^<]*(Høring|Brann)/.test(open), 'no tittel of a journalpost or case in the public journal');
});

test('endringslogg: changes recorded as they happened, every reference a systemID of the package', async () => {
  const log = parse(await readFile(join(dir, 'endringslogg.xml'), 'utf8'));
  const structureIds = new Set(texts(parse(await readFile(join(dir, 'arkivstruktur.xml'), 'utf8')), 'systemID'));
  const refs = texts(log, 'referanseArkivenhet');
  assert.ok(refs.length >= 5);
  for (const ref of refs) assert.ok(structureIds.has(ref), `${ref} is not in arkivstruktur.xml`);
  const changes = Array.from(log.getElementsByTagName('endring')).map((c) => [texts(c, 'referanseMetadata')[0], texts(c, 'tidligereVerdi')[0], texts(c, 'nyVerdi')[0]].join(': '));
  for (const expected of [
    'arkivdelstatus: Aktiv periode: Avsluttet periode',
    'journalstatus: Journalført: Ekspedert',
    'journalstatus: Journalført: Utgår',
    'saksstatus: Under behandling: Utgår',
    'tittel: Brannøvelse i Flisa: Brannøvelse i Flisa sentrum (rettet)',
    'versjonsnummer: 1: 2',
    'skjermingMetadata: Ingen skjerming: Skjerming navn avsender',
  ]) {
    assert.ok(changes.includes(expected), `missing "${expected}" in ${changes.join(' | ')}`);
  }
});

test('stable: a second export of the same period gives the same systemIDs', async () => {
  const again = await mkdtemp(join(tmpdir(), 'herald-noark5-'));
  try {
    const directory = allDayDirectory();
    const second = await exportExtraction({
      pool: e.s.t.db.pool,
      tenantId: e.tenantId,
      tenant: directory.get('asnes')?.tenant ?? assert.fail('no asnes'),
      period,
      dir: again,
      exportedBy: 'Arkivar Test',
      screenedOf: (type) => directory.get('asnes')?.rules.get(type)?.screened ?? [],
      now: nextYear,
    });
    assert.deepEqual(second.problems, []);
    const ids = async (d: string) => texts(parse(await readFile(join(d, 'arkivstruktur.xml'), 'utf8')), 'systemID');
    assert.deepEqual(await ids(again), await ids(dir));
  } finally {
    await rm(again, { recursive: true, force: true });
  }
});

test('a broken file is caught by the validation every export runs', async () => {
  const broken = await mkdtemp(join(tmpdir(), 'herald-noark5-broken-'));
  try {
    for (const f of await readdir(dir)) if (f !== 'DOKUMENT') await writeFile(join(broken, f), await readFile(join(dir, f)));
    const structure = await readFile(join(broken, 'arkivstruktur.xml'), 'utf8');
    await writeFile(join(broken, 'arkivstruktur.xml'), structure.replace(/<sjekksumAlgoritme>SHA256<\/sjekksumAlgoritme>/, ''));
    const problems = await validateExtraction(broken);
    const [first] = problems;
    assert.ok(first);
    assert.equal(first.file, 'arkivstruktur.xml');
    assert.match(first.message, /filstoerrelse.*not expected.*sjekksumAlgoritme/);
  } finally {
    await rm(broken, { recursive: true, force: true });
  }
});
