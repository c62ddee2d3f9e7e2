import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { sealTenant } from '../../src/archive/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { submitAccepted, tenantId, websiteAnnouncement } from '../helpers/workers.ts';

const run = promisify(execFile);
const lastYear = new Date().getFullYear() - 1;
let t: TestApp;
let out: string;

before(async () => {
  t = await buildTestApp();
  out = await mkdtemp(join(tmpdir(), 'herald-cli-export-'));
  const comms = await t.key('asnes', 'communications');
  const notice = await submitAccepted(t, comms, websiteAnnouncement(example('announcement'), '2030-03-01T10:00:00+01:00', 'Brøyting av Storgata'));
  const id = await tenantId(t.db.pool, 'asnes');
  // A record of last year (recorded_at given, as a record archived then would carry it): a closed period.
  const page = Buffer.from('<!doctype html><html lang="nb"><h1>Brøyting av Storgata</h1></html>');
  await t.db.pool.query(
    `INSERT INTO archive_records (tenant_id, notice_id, notice_version, publication_id, channel, event, content, content_type, content_sha256, rule_version, receipt, recorded_at)
     VALUES ($1, $2, 1, $3, 'website', 'published', $4, 'text/html; charset=utf-8', $5, 'test', '{"url":"https://example.no/1"}', $6)`,
    [id, notice.id, notice.publications[0]?.id, page, createHash('sha256').update(page).digest(), `${lastYear}-06-01T10:00:00Z`],
  );
  await sealTenant(t.db.pool, id);
});
after(async () => {
  await t.close();
  await rm(out, { recursive: true, force: true });
  await rm(`${out}-target`, { recursive: true, force: true });
});

async function archive(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'archive', '--', ...args], { env: { ...process.env, DATABASE_URL: t.db.url } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('export --year writes a validated extraction to --out', async () => {
  const target = `${out}-target`;
  const res = await archive('export', '--tenant', 'asnes', '--year', String(lastYear), '--out', target);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stderr, /every XML file validates/);
  const summary = JSON.parse(res.stdout) as { journalposts: number; dokumentfiler: number };
  assert.deepEqual([summary.journalposts, summary.dokumentfiler], [1, 1]);
  assert.ok((await readdir(target)).includes('arkivuttrekk.xml'));
  assert.ok(!(await readdir(tmpdir())).includes(`${target.split('/').pop() ?? ''}.partial`));
});

test('refused: an open period, a non-empty folder, a period with nothing in it, no --out', async () => {
  const open = await archive('export', '--tenant', 'asnes', '--year', String(lastYear + 1), '--out', join(out, 'a'));
  assert.equal(open.code, 2);
  assert.match(open.stderr, /not closed yet/);
  await writeFile(join(out, 'something'), 'x');
  const busy = await archive('export', '--tenant', 'asnes', '--year', String(lastYear), '--out', out);
  assert.equal(busy.code, 2);
  assert.match(busy.stderr, /is not empty/);
  const empty = await archive('export', '--tenant', 'asnes', '--year', String(lastYear - 3), '--out', join(out, 'b'));
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /nothing to export/);
  const noOut = await archive('export', '--tenant', 'asnes', '--year', String(lastYear));
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /--out/);
});
