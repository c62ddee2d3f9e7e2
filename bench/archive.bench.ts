import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import pg from 'pg';
import { renderPdfA, renditionOf } from '../src/archive/rendition/index.ts';
import { loadTenants } from '../src/config/tenants.ts';
import { migrate } from '../src/store/migrate.ts';
import { createPool } from '../src/store/pool.ts';
import { syncTenants } from '../src/store/tenants.ts';
import { GENESIS, insertSealed, pageOf, postOf, type BenchRecord } from './lib/archive-data.ts';
import { report } from './lib/report.ts';

/**
 * Archive: (1) verification of VERIFY_N records (website pages, Facebook posts and newspaper ads in
 * the channels' proportions) beside the bare rate of SHA-256 over the same content bytes in this
 * run; (2) a Noark 5 export of EXPORT_N records (a year of one municipality: every notice on the
 * website, Facebook and in the paper), its time and peak RSS, its rate beside the bare rate of
 * rendering the same kinds of record to PDF/A alone. Each measured run is a process of its own
 * (bench/lib/archive-child.ts), so its peak RSS is its own. A database of its own
 * (herald_bench_archive, not fan-out's), dropped at the end; no Redis. Progress to stderr, figures to stdout.
 */
const VERIFY_N = Number(process.env.BENCH_ARCHIVE_VERIFY_N ?? 1_000_000);
const EXPORT_N = Number(process.env.BENCH_ARCHIVE_EXPORT_N ?? 100_000);
const databaseUrl = process.env.BENCH_ARCHIVE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald_bench_archive';
const BATCH = 1000;
const run = promisify(execFile);
const say = (line: string): void => {
  process.stderr.write(`archive: ${line}\n`);
};

async function onServer(url: string, statements: (name: string) => string[]): Promise<void> {
  const target = new URL(url);
  const name = pg.escapeIdentifier(decodeURIComponent(target.pathname.slice(1)));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    for (const sql of statements(name)) await admin.query(sql);
  } finally {
    await admin.end();
  }
}

interface Measured {
  seconds: number;
  peakMb: number;
  result: { ok?: boolean; checked?: number; records?: number; dokumentfiler?: number; problems?: unknown[] };
}

/** Runs one measured phase in a process of its own: its time and its own peak RSS. */
async function measured(...args: string[]): Promise<Measured> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/lib/archive-child.ts', ...args], { maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measured;
}

/** A PDF/A ad as the newspaper channel hands it over (made once, its bytes reused: exported as they are). */
const adPdf = await renderPdfA({ title: 'Annonse', author: 'Åsnes kommune', lang: 'nb', createdAt: new Date('2026-03-01T00:00:00Z') }, [
  { style: 'title', text: 'Åsnes kommune' },
  { style: 'text', text: 'Vannet stenges i Flisa sentrum natt til onsdag. '.repeat(12) },
]);

/** Record i of a municipality's archive: 7 in 10 website pages, 2 Facebook posts, 1 newspaper ad. */
function recordOf(i: number, noticeId: string | null, recordedAt: Date): BenchRecord {
  const kind = i % 10;
  const title = `Kunngjøring nr. ${Math.floor(i / 3)}`;
  const base = { noticeId, noticeVersion: noticeId === null ? null : 1, publicationId: randomUUID(), recordedAt };
  if (kind < 7) return { ...base, channel: 'website', event: 'published', content: pageOf(i, title), contentType: 'text/html; charset=utf-8', receipt: { url: `https://www.asnes.kommune.no/kunngjoringer/${i}.html`, status: 200 } };
  if (kind < 9) return { ...base, channel: 'facebook', event: 'published', content: postOf(i, title), contentType: 'application/json; charset=utf-8', receipt: { externalId: `100064000000001_${i}`, url: `https://facebook.com/100064000000001_${i}` } };
  return { ...base, channel: 'newspaper', event: 'delivered', content: adPdf, contentType: 'application/pdf', receipt: { issueDate: '2026-03-05', newspaper: 'glamdalen' } };
}

/** A notice's three records (page, post, ad): the kinds the export phase cycles through. */
const exportKind = (i: number): number => (i % 3 === 0 ? 0 : i % 3 === 1 ? 7 : 9);

async function verifyPhase(pool: pg.Pool, tenantId: string): Promise<void> {
  say(`inserting ${VERIFY_N.toLocaleString('en-US')} sealed records`);
  let head = GENESIS;
  let bareSeconds = 0;
  let bytes = 0;
  const at = new Date('2026-06-01T10:00:00.000Z');
  for (let from = 0; from < VERIFY_N; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, VERIFY_N - from) }, (_, j) => recordOf(from + j, null, at));
    head = await insertSealed(pool, tenantId, batch, head);
    // The bare baseline: SHA-256 over the very same content bytes, nothing else.
    const t0 = performance.now();
    for (const r of batch) createHash('sha256').update(r.content).digest();
    bareSeconds += (performance.now() - t0) / 1000;
    for (const r of batch) bytes += r.content.length;
    if ((from / BATCH) % 100 === 0) say(`  ${from.toLocaleString('en-US')} inserted`);
  }
  await pool.query('VACUUM ANALYZE archive_records');
  say(`verifying (${(bytes / 2 ** 30).toFixed(2)} GiB of content)`);
  const { result, seconds, peakMb } = await measured('verify', databaseUrl, tenantId);
  if (result.ok !== true || result.checked !== VERIFY_N) throw new Error(`verify said ${JSON.stringify(result)}`);
  say(`verify: ${VERIFY_N} in ${seconds.toFixed(1)} s, peak RSS ${peakMb.toFixed(0)} MB; bare SHA-256 ${bareSeconds.toFixed(2)} s`);
  report({ scenario: 'archive', metric: `verify ${VERIFY_N.toLocaleString('en-US')} records (content hash + chain + seals), records/s`, unit: 'records/s', herald: VERIFY_N / seconds, baseline: VERIFY_N / bareSeconds, goal: 0.5 });
  report({ scenario: 'archive', metric: 'verify: peak RSS of the verifying process', unit: 'MB', herald: peakMb, baseline: null, goal: 256, lowerIsBetter: true });
}

async function exportPhase(pool: pg.Pool, tenantId: string, userId: string): Promise<void> {
  const year = new Date().getFullYear() - 1;
  const notices = Math.ceil(EXPORT_N / 3);
  say(`inserting ${notices.toLocaleString('en-US')} notices with ${EXPORT_N.toLocaleString('en-US')} records in ${year}`);
  const { rows } = await pool.query<{ id: string }>(
    `WITH n AS (
       INSERT INTO notices (id, tenant_id, type, status, current_version, publish_at, submitted_by, created_at)
       SELECT gen_random_uuid(), $1, 'announcement', 'published', 1, $3::timestamptz + i * interval '5 minutes', $2, $3::timestamptz + i * interval '5 minutes'
         FROM generate_series(0, $4 - 1) AS i
       RETURNING id, publish_at
     ), v AS (
       INSERT INTO notice_versions (notice_id, version, tenant_id, content, rule_version, created_by)
       SELECT id, 1, $1, jsonb_build_object('type', 'announcement', 'language', 'nb', 'title', 'Kunngjøring ' || to_char(publish_at, 'YYYY-MM-DD HH24:MI'),
              'body', 'Vannet stenges i Flisa sentrum.', 'channels', jsonb_build_array('website', 'facebook', 'newspaper'),
              'fields', jsonb_build_object('category', 'driftsmelding', 'contact', jsonb_build_object('unit', 'Kommunalteknikk'))), 'bench', $2
         FROM n RETURNING notice_id
     ) SELECT n.id FROM n ORDER BY n.publish_at`,
    [tenantId, userId, `${year}-01-01T08:00:00Z`, notices],
  );
  let head = GENESIS;
  const start = new Date(`${year}-01-01T08:00:00Z`).getTime();
  for (let from = 0; from < EXPORT_N; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, EXPORT_N - from) }, (_, j) => {
      const i = from + j;
      return recordOf(Math.floor(i / 3) * 10 + exportKind(i), rows[Math.floor(i / 3)]?.id ?? null, new Date(start + i * 100_000));
    });
    head = await insertSealed(pool, tenantId, batch, head);
  }
  await pool.query('VACUUM ANALYZE');

  // Bare: the same kinds of record rendered to PDF/A alone (a sample; the rate is what is compared).
  const sample = 600;
  const t0 = performance.now();
  for (let i = 0; i < sample; i++) {
    const r = recordOf(Math.floor(i / 3) * 10 + exportKind(i), null, new Date());
    await renditionOf({ seq: i + 1, event: r.event, channel: r.channel, contentType: r.contentType, content: r.content, recordedAt: r.recordedAt, sha256: createHash('sha256').update(r.content).digest(), receipt: r.receipt, tenantName: 'Kárášjoga gielda', title: 'Kunngjøring', lang: 'nb', comments: [] });
  }
  const bareRate = sample / ((performance.now() - t0) / 1000);

  say(`exporting ${year} (${EXPORT_N.toLocaleString('en-US')} records)`);
  const { result, seconds, peakMb } = await measured('export', databaseUrl, tenantId, 'karasjok', String(year));
  if ((result.problems ?? []).length > 0) throw new Error(`the export did not validate: ${JSON.stringify(result.problems?.slice(0, 3))}`);
  say(`export: ${result.records ?? 0} records, ${result.dokumentfiler ?? 0} documents in ${seconds.toFixed(1)} s, peak RSS ${peakMb.toFixed(0)} MB; bare rendition ${bareRate.toFixed(0)}/s`);
  report({ scenario: 'archive', metric: `export ${EXPORT_N.toLocaleString('en-US')} records (validated; ${seconds.toFixed(0)} s), records/s vs bare PDF/A rendition`, unit: 'records/s', herald: EXPORT_N / seconds, baseline: bareRate, goal: 0.5 });
  report({ scenario: 'archive', metric: 'export: peak RSS of the exporting process', unit: 'MB', herald: peakMb, baseline: null, goal: 256, lowerIsBetter: true });
}

await onServer(databaseUrl, (name) => [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
await migrate(databaseUrl);
const pool = createPool(databaseUrl, 4);
try {
  const ids = await syncTenants(pool, loadTenants('config'));
  const asnes = ids.get('asnes');
  const karasjok = ids.get('karasjok');
  if (!asnes || !karasjok) throw new Error('tenants missing');
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO users (tenant_id, name, role) VALUES ($1, 'Bench Arkivar', 'archivist') RETURNING id`, [karasjok]);
  if (VERIFY_N > 0) await verifyPhase(pool, asnes);
  if (EXPORT_N > 0) await exportPhase(pool, karasjok, rows[0]?.id ?? '');
} finally {
  await pool.end();
  await onServer(databaseUrl, (name) => [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
}
