import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { readFileSync, statSync } from 'node:fs';
import { sealAll, verifyChain } from '../../src/archive/index.ts';
import type { PublicationTask } from '../../src/channels/types.ts';
import { createWebsiteChannel } from '../../src/channels/website/index.ts';
import type { NoticeInput, NoticeType } from '../../src/notices/types.ts';
import { webRootOf } from '../../src/routes/public.ts';
import { REDIS_URL, buildTestApp, shippedDirectory, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import {
  archiveRecords,
  deleteQueueKeys,
  newQueuePrefix,
  publicationStates,
  recordsPerPublication,
  startTestWorkers,
  stateCounts,
  submitAccepted,
  submitAnnouncements,
  tenantId,
  type TestWorkers,
  waitFor,
  websiteAnnouncement,
} from '../helpers/workers.ts';

// A worker process killed with SIGKILL in the middle of a batch loses nothing and duplicates
// nothing: a new process takes over the lapsed claims and stalled jobs, looks before it posts again,
// and every publication ends `published` with exactly one archive record.

const NOTICES = 150;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const prefix = newQueuePrefix();
let t: TestApp;
const children: ChildProcess[] = [];
const stderr: string[] = [];
let inProcess: TestWorkers | undefined;

function startWorkerProcess(name: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: t.db.url,
      REDIS_URL,
      HERALD_QUEUE_PREFIX: prefix,
      HERALD_DATA_DIR: t.dataDir,
      HERALD_JOB_LOCK_MS: '2000',
      HERALD_WORKER_CONCURRENCY: '4',
      // Small batches, so that a kill lands in the middle of the work rather than after it.
      HERALD_WEBSITE_BATCH: '2',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const keep = (chunk: Buffer): void => {
    stderr.push(`[${name}] ${chunk.toString('utf8')}`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

before(async () => {
  t = await buildTestApp();
});

after(async () => {
  await Promise.allSettled([...children.map((c) => stop(c, 'SIGTERM')), inProcess?.stop()]);
  await deleteQueueKeys(prefix);
  await t.close();
});

test(`SIGKILL mid-batch: all ${NOTICES} published exactly once after a new worker process takes over`, async () => {
  const first = startWorkerProcess('first');
  const key = await t.key('asnes', 'communications');
  // All due together, a few seconds ahead: the first process is up by then and works through them.
  const publishAt = new Date(Math.ceil((Date.now() + 5000) / 1000) * 1000).toISOString();
  const ids: string[] = [];
  for (const notice of await submitAnnouncements(t, key, NOTICES, () => publishAt)) {
    for (const p of notice.publications) ids.push(p.id);
  }
  assert.equal(ids.length, NOTICES);
  const describe = async (): Promise<string> => `${JSON.stringify(await stateCounts(t.db.pool))}; worker output: ${stderr.join('').slice(-2000)}`;

  // The first process relays them (it is up), then starts publishing; kill it part-way.
  await waitFor('the first worker process to relay the batch', async () => (await stateCounts(t.db.pool)).pending === undefined, { timeoutMs: 15_000, describe });
  const atKill = await waitFor(
    'some publications to go out',
    async () => {
      const counts = await stateCounts(t.db.pool);
      return (counts.published ?? 0) >= 20 ? counts : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 5, describe },
  );
  await stop(first, 'SIGKILL');
  const afterKill = await stateCounts(t.db.pool);
  assert.ok((afterKill.published ?? 0) < NOTICES, `the first process finished everything before it was killed: ${JSON.stringify(afterKill)}`);

  const second = startWorkerProcess('second');
  await waitFor('every publication to be published', async () => (await stateCounts(t.db.pool)).published === NOTICES, { timeoutMs: 20_000, describe });
  // Sealing runs every 2 s in the worker; seal now too, so every record is in the chain.
  await sealAll(t.db.pool);
  await stop(second, 'SIGTERM');
  assert.equal(second.exitCode, 0, `the second worker did not shut down cleanly: ${stderr.join('').slice(-2000)}`);

  const publications = await publicationStates(t.db.pool);
  assert.equal(publications.length, NOTICES);
  for (const p of publications) assert.equal(p.state, 'published', `${p.id}: ${p.state} ${JSON.stringify(p.lastError)}`);

  const perPublication = await recordsPerPublication(t.db.pool);
  const duplicates = [...perPublication].filter(([, n]) => n !== 1);
  assert.deepEqual(duplicates, [], 'publications with more than one published record');
  assert.deepEqual(ids.filter((id) => !perPublication.has(id)), [], 'publications without a published record');
  const records = await archiveRecords(t.db.pool);
  assert.deepEqual([...new Set(records.map((r) => r.event))], ['published']);
  assert.equal(records.filter((r) => r.seq === null).length, 0, 'unsealed records');

  const verified = await verifyChain(t.db.pool, await tenantId(t.db.pool, 'asnes'));
  assert.deepEqual({ ok: verified.ok, checked: verified.checked }, { ok: true, checked: NOTICES }, verified.reason ?? '');

  const adopted = records.filter((r) => r.receipt?.adopted === true).length;
  const retried = publications.filter((p) => p.attempts > 1).length;
  process.stderr.write(`# killed at ${JSON.stringify(atKill)} → ${JSON.stringify(afterKill)}; retried ${retried}, adopted ${adopted}\n`);
});

/** The task a worker builds for a publication, read back from PostgreSQL. */
async function taskFor(publicationId: string, attempt: number): Promise<PublicationTask> {
  const { rows } = await t.db.pool.query<{
    noticeId: string;
    version: number;
    type: NoticeType;
    content: NoticeInput;
    publishAt: Date;
    ruleVersion: string;
    scheduledAt: Date;
    appearsAt: Date;
  }>(
    `SELECT n.id AS "noticeId", p.notice_version AS version, n.type, v.content, n.publish_at AS "publishAt", v.rule_version AS "ruleVersion",
            p.scheduled_at AS "scheduledAt", p.appears_at AS "appearsAt"
       FROM publications p JOIN notices n ON n.id = p.notice_id
       JOIN notice_versions v ON v.notice_id = p.notice_id AND v.version = p.notice_version
      WHERE p.id = $1`,
    [publicationId],
  );
  const row = rows[0];
  const tenant = shippedDirectory().get('asnes')?.tenant;
  assert.ok(row && tenant);
  return {
    publicationId,
    channel: 'website',
    target: null,
    tenant,
    notice: { id: row.noticeId, version: row.version, type: row.type, content: row.content, publishAt: row.publishAt, ruleVersion: row.ruleVersion },
    scheduledAt: row.scheduledAt,
    appearsAt: row.appearsAt,
    issueDate: null,
    attempt,
    attemptStartedAt: new Date(),
  };
}

test('a claim a killed worker left behind: the page it wrote is adopted, not written again; one never written is delivered', async () => {
  // No worker runs while the scene is set: as the killed worker left things.
  assert.ok(children.every((c) => c.exitCode !== null || c.signalCode !== null));
  const key = await t.key('asnes', 'communications');
  const [written, unwritten] = [
    await submitAccepted(t, key, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Siden ble skrevet før arbeideren døde')),
    await submitAccepted(t, key, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Arbeideren døde før siden ble skrevet')),
  ];
  const ids = [written, unwritten].map((n) => n.publications[0]?.id ?? '');
  // Attempt 1 claimed both, and its lease has run out.
  await t.db.pool.query(
    `UPDATE publications SET state = 'publishing', attempts = 1, attempt_started_at = now() - interval '3 seconds',
            lease_until = now() - interval '1 second' WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  // It wrote the first page (exactly as the channel does) and died before committing.
  const webRoot = webRootOf(t.dataDir);
  const website = createWebsiteChannel({ webRoot, clock: () => new Date() });
  const task = await taskFor(ids[0] ?? '', 1);
  await website.deliver(task, await website.render(task));
  const pageOf = (noticeId: string): string => join(webRoot, 'asnes', 'notices', `${noticeId}.html`);
  const writtenAt = statSync(pageOf(written.id)).mtimeMs;

  // A new worker's reconcile pass finds both without a job; the retries look before they post.
  inProcess = await startTestWorkers(t, { prefix, lockDurationMs: 2000 });
  await waitFor('both to be published', async () => {
    const rows = (await publicationStates(t.db.pool)).filter((p) => ids.includes(p.id));
    return rows.length === 2 && rows.every((p) => p.state === 'published');
  });
  await inProcess.stop();

  const rows = await publicationStates(t.db.pool);
  const records = await archiveRecords(t.db.pool);
  for (const [i, id] of ids.entries()) {
    const p = rows.find((r) => r.id === id);
    assert.equal(p?.attempts, 2, `publication ${i}: attempts`);
    const mine = records.filter((r) => r.publicationId === id);
    assert.deepEqual(mine.map((r) => r.event), ['published'], `publication ${i}: records`);
    const page = readFileSync(pageOf([written, unwritten][i]?.id ?? ''));
    assert.ok(mine[0]?.content.equals(page), `publication ${i}: the record holds the page bytes`);
  }
  const [adopted, delivered] = ids.map((id) => records.find((r) => r.publicationId === id)?.receipt);
  assert.equal(adopted?.adopted, true, 'the page already out was adopted');
  assert.equal(delivered?.adopted, false, 'the page never written was delivered');
  assert.equal(statSync(pageOf(written.id)).mtimeMs, writtenAt, 'the adopted page was written again');
});
