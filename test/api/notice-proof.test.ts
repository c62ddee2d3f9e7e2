import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { declaresPdfA } from '../../src/archive/rendition/index.ts';
import type { Problem } from '../helpers/workers.ts';
import { everyChannel, type EveryChannel } from '../archive/every-channel.ts';

// The proof of publication: a PDF/A stating each channel's time and address or issue, the SHA-256
// of what went out, the archive records with their chain hashes and the seal that signed them, and
// the rule checks passed with their legal sources.

const run = promisify(execFile);
let e: EveryChannel;
let dir: string;
before(async () => {
  e = await everyChannel();
  dir = await mkdtemp(join(tmpdir(), 'herald-proof-'));
});
after(async () => {
  await e.close();
  await rm(dir, { recursive: true, force: true });
});

const proof = (id: string, key: string) => e.s.t.app.inject({ url: `/v1/notices/${id}/proof`, headers: { authorization: `Bearer ${key}` } });

async function text(pdf: Buffer): Promise<string> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-raw', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

test('an archivist gets a PDF/A naming every channel, hash, record and seal, and the rules passed with their sources', async () => {
  const res = await proof(e.printed.id, await e.s.t.key('asnes', 'archivist'));
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.ok(declaresPdfA(res.rawPayload));
  const body = await text(res.rawPayload);
  assert.match(body, /Bekreftelse på kunngjøring/);
  assert.match(body, /Kunngjøring i Glåmdalen/);
  assert.match(body, /Publisert – Publiseringskanal: kommunens nettsted/);
  assert.match(body, /Levert til avisen – Publiseringskanal: avisen Glåmdalen/);
  assert.match(body, /Avisutgave: \d{4}-\d{2}-\d{2}, side 7/);
  const { rows } = await e.s.t.db.pool.query<{ seq: number; sha: string; hash: string }>(
    `SELECT seq, encode(content_sha256, 'hex') AS sha, encode(hash, 'hex') AS hash FROM archive_records WHERE notice_id = $1 ORDER BY seq`,
    [e.printed.id],
  );
  assert.ok(rows.length >= 3);
  for (const r of rows) {
    // pdftotext may break a 64-digit hash across lines: compare without spaces.
    const flat = body.replace(/ /g, '');
    assert.ok(flat.includes(r.sha), `SHA-256 of record ${r.seq}`);
    assert.ok(flat.includes(r.hash), `chain hash of record ${r.seq}`);
    assert.match(body, new RegExp(`Arkivpost nr\\. ${r.seq}:`));
  }
  assert.match(body, /Dekket av daglig forsegling/);
  assert.match(body, /announcement\.website_primary \(krav\) – bestått/);
  assert.match(body, /Hjemmel: [^.]+ § /);
});

test('the submitter\'s role may have it too; another role 403, another municipality 404', async () => {
  assert.equal((await proof(e.withdrawn.id, e.s.comms)).statusCode, 200);
  const hr = await proof(e.withdrawn.id, await e.s.t.key('asnes', 'hr'));
  assert.equal(hr.statusCode, 403);
  assert.equal(hr.json<Problem>().type, '/docs/errors#herald_err_auth_role');
  assert.equal((await proof(e.withdrawn.id, await e.s.t.key('karasjok', 'archivist'))).statusCode, 404);
});
