import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createNewspaperChannel } from '../../../src/channels/newspaper/index.ts';
import { publishNewspaperIssue, type NewspaperBatchContext } from '../../../src/publishing/newspaper-batch.ts';
import type { TenantDirectory } from '../../../src/tenancy/directory.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { publicationStates } from '../../helpers/workers.ts';
import { startCuttingProxy, type CuttingProxy } from '../../fakes/sftp/cutting-proxy.ts';
import { startSftpServer, type SftpTestServer } from '../../fakes/sftp/openssh-server.ts';
import { BEFORE_DEADLINE, DEADLINE, ISSUE, sha256, submitNewspaperNotices } from './support.ts';
import { directoryWithSftp, sftpDelivery } from './sftp-tenant.ts';

/** One job's attempt at its issue: what became of its own publication. */
const issue = async (...args: Parameters<typeof publishNewspaperIssue>) => (await publishNewspaperIssue(...args)).outcome;

// Delivery to a paper's SFTP server: a real OpenSSH sshd on loopback (key auth, chrooted), reached
// by the real ssh2-sftp-client. Faults: the server down, the connection cut mid-upload, our key
// refused, a host key that is not the pinned one.

let t: TestApp;
let key: string;
let server: SftpTestServer;
let proxy: CuttingProxy;

before(async () => {
  server = await startSftpServer();
  proxy = await startCuttingProxy(server.port);
  t = await buildTestApp({ clock: () => BEFORE_DEADLINE });
  key = await t.key('asnes', 'communications');
});
after(async () => {
  await proxy.close();
  await server.close();
  await t.close();
});

function context(directory: TenantDirectory): NewspaperBatchContext {
  const clock = () => new Date(DEADLINE.getTime() + 1000);
  return { pool: t.db.pool, directory, newspaper: createNewspaperChannel({ directoryRoot: join(t.dataDir, 'newspapers'), clock, sftp: { readyTimeoutMs: 3000 } }), leaseMs: 5000, clock };
}

const issueDir = () => join(server.uploadDir, 'asnes', 'glamdalen', ISSUE);
const visible = async () => (await readdir(issueDir()).catch(() => [])).filter((f) => !f.startsWith('.'));
const manifests = async () => (await visible()).filter((f) => /^manifest-.*\.json$/.test(f));

/** Every visible file the manifests list is complete (its SHA-256 matches); no PDF or text is unlisted. */
async function assertNoHalfFiles(): Promise<void> {
  const listed = new Map<string, string>();
  for (const name of await manifests()) {
    const m = JSON.parse(await readFile(join(issueDir(), name), 'utf8')) as { ads: { pdf: { file: string; sha256: string }; text: { file: string; sha256: string } }[] };
    for (const ad of m.ads) for (const f of [ad.pdf, ad.text]) listed.set(f.file, f.sha256);
  }
  for (const file of await visible()) {
    if (file.startsWith('manifest-')) continue;
    const expected = listed.get(file);
    if (expected) assert.equal(sha256(await readFile(join(issueDir(), file))), expected, `${file} is complete`);
  }
}

async function states(ids: readonly string[]): Promise<string[]> {
  return (await publicationStates(t.db.pool)).filter((p) => ids.includes(p.id)).map((p) => p.state);
}

test('a batch reaches the SFTP server: ads, texts, manifest, nothing half-written', async () => {
  const booked = await submitNewspaperNotices(t, key, 2, 'SFTP');
  const outcome = await issue(context(directoryWithSftp(sftpDelivery(server))), booked[0]?.publicationId ?? '', false);
  assert.ok(outcome.kind === 'published', JSON.stringify(outcome));
  assert.equal(outcome.receipt.details?.location, `sftp://root@127.0.0.1:${server.port}/upload`);
  assert.deepEqual(await states(booked.map((b) => b.publicationId)), ['delivered', 'delivered']);
  assert.equal((await manifests()).length, 1);
  for (const b of booked) assert.ok((await visible()).includes(`${b.notice.id}.pdf`));
  await assertNoHalfFiles();
});

test('server down, then back: the attempt fails and is retried; the batch is delivered once', async () => {
  const before = (await manifests()).length;
  const booked = await submitNewspaperNotices(t, key, 2, 'Nede');
  const ctx = context(directoryWithSftp(sftpDelivery(server)));
  await server.stop();
  try {
    const outcome = await issue(ctx, booked[0]?.publicationId ?? '', false);
    assert.ok(outcome.kind === 'retry', JSON.stringify(outcome));
    assert.match(String(outcome.error), /ECONNREFUSED|connect/i);
  } finally {
    await server.start();
  }
  assert.deepEqual(await states(booked.map((b) => b.publicationId)), ['publishing', 'publishing'], 'outcome unknown: still publishing, for a retry');
  assert.equal((await manifests()).length, before, 'nothing delivered while down');
  // The retry (any job of the batch) delivers them; the other job then finds its ad delivered.
  assert.equal((await issue(ctx, booked[1]?.publicationId ?? '', false)).kind, 'published');
  assert.deepEqual(await issue(ctx, booked[0]?.publicationId ?? '', false), { kind: 'skipped', refusal: { refused: 'finished' } });
  assert.deepEqual(await states(booked.map((b) => b.publicationId)), ['delivered', 'delivered']);
  assert.equal((await manifests()).length, before + 1, 'one manifest for the batch');
  await assertNoHalfFiles();
});

test('connection cut mid-upload: no half file is visible, no manifest; the retry completes the batch once', async () => {
  const before = (await manifests()).length;
  const booked = await submitNewspaperNotices(t, key, 3, 'Brudd');
  const ctx = context(directoryWithSftp(sftpDelivery(server, { port: proxy.port })));
  // Past the SSH handshake and into the second ad (each PDF is some 25 kB).
  proxy.cutNextAfter(45_000);
  assert.equal((await issue(ctx, booked[0]?.publicationId ?? '', false)).kind, 'retry');
  assert.equal(proxy.cuts, 1, 'the connection was cut');
  assert.equal((await manifests()).length, before, 'no manifest: the paper does not take the batch');
  // What the cut left: the ads renamed into place are whole PDFs; the one cut short has only a temp name.
  const ours = booked.map((b) => `${b.notice.id}.pdf`);
  const landed = (await visible()).filter((f) => ours.includes(f));
  assert.ok(landed.length >= 1 && landed.length < ours.length, `cut mid-batch: ${landed.join(', ')}`);
  for (const file of landed) assert.match((await readFile(join(issueDir(), file))).subarray(-7).toString('latin1'), /%%EOF\s*$/, `${file} is whole`);
  assert.ok((await readdir(issueDir())).some((f) => f.startsWith('.') && f.endsWith('.part')), 'the interrupted file is under its temp name');

  assert.equal((await issue(ctx, booked[0]?.publicationId ?? '', false)).kind, 'published');
  assert.equal((await manifests()).length, before + 1);
  assert.deepEqual(await states(booked.map((b) => b.publicationId)), ['delivered', 'delivered', 'delivered']);
  await assertNoHalfFiles();
});

test('our key refused: the batch fails for good, with the reason', async () => {
  const booked = await submitNewspaperNotices(t, key, 1, 'Nøkkel');
  const ctx = context(directoryWithSftp(sftpDelivery(server, { privateKeyPath: server.strangerKeyPath })));
  const outcome = await issue(ctx, booked[0]?.publicationId ?? '', false);
  assert.ok(outcome.kind === 'failed', JSON.stringify(outcome));
  assert.match(outcome.message, /refused Herald's SSH key/);
  assert.deepEqual(await states(booked.map((b) => b.publicationId)), ['failed']);
});

test('a server without the pinned host key is refused for good', async () => {
  const booked = await submitNewspaperNotices(t, key, 1, 'Vert');
  const ctx = context(directoryWithSftp(sftpDelivery(server, { hostKeySha256: 'A'.repeat(43) })));
  const outcome = await issue(ctx, booked[0]?.publicationId ?? '', false);
  assert.ok(outcome.kind === 'failed', JSON.stringify(outcome));
  assert.match(outcome.message, /pinned host key/);
  assert.deepEqual(await states(booked.map((b) => b.publicationId)), ['failed']);
});
