import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { NoticeInput } from '../../src/notices/types.ts';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api/server.ts';
import { buildTestApp, REDIS_URL, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { archiveRecords, deleteQueueKeys, newQueuePrefix, startTestWorkers, submitAccepted, waitFor, type TestWorkers } from '../helpers/workers.ts';
import { allDayDirectory, ASNES_PAGE, FAST_FACEBOOK } from './facebook-scene.ts';

// A worker process is killed (SIGKILL) after Facebook made the post but before its answer was
// committed: the publication is left `publishing`. The worker that takes over reads the Page back
// and adopts the post — the Page ends up with exactly one.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const prefix = newQueuePrefix();
let t: TestApp;
let fake: FakeGraph;
let child: ChildProcess | undefined;
let takeover: TestWorkers | undefined;
const output: string[] = [];

before(async () => {
  fake = await startFakeGraph();
  fake.addPage(ASNES_PAGE, { token: 'asnes-page-token-1' });
  t = await buildTestApp({ directory: allDayDirectory() });
});
after(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await takeover?.stop();
  await deleteQueueKeys(prefix);
  await t.close();
  await fake.close();
});

test('killed between Facebook creating the post and the commit: adopted, exactly one post', async () => {
  const admin = await t.key('asnes', 'admin');
  const put = await t.app.inject({ method: 'PUT', url: '/v1/channels/facebook/token', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, payload: { token: 'asnes-page-token-1' } });
  assert.equal(put.statusCode, 200);
  // Facebook makes the post, then holds its answer: the worker is killed while it waits.
  fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action: { kind: 'slow', ms: 60_000, afterCreate: true } });

  child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.db.url, REDIS_URL, HERALD_QUEUE_PREFIX: prefix, HERALD_DATA_DIR: t.dataDir, HERALD_JOB_LOCK_MS: '2000', HERALD_FACEBOOK_GRAPH_URL: fake.url, HERALD_FACEBOOK_TIMEOUT_MS: '120000', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const comms = await t.key('asnes', 'communications');
  const input: NoticeInput = { ...example('announcement'), title: 'Arbeideren døde etter Facebooks svar', channels: ['website', 'facebook'], publishAt: new Date().toISOString() };
  const notice = await submitAccepted(t, comms, input);
  const publicationId = notice.publications.find((p) => p.channel === 'facebook')?.id ?? '';
  await waitFor('Facebook to have the post', async () => fake.posts(ASNES_PAGE).some((p) => p.message.includes(notice.id)), { timeoutMs: 20_000, describe: async () => output.join('').slice(-2000) });
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
  const { rows } = await t.db.pool.query<{ state: string }>('SELECT state FROM publications WHERE id = $1', [publicationId]);
  assert.equal(rows[0]?.state, 'publishing', 'the killed worker never committed');

  takeover = await startTestWorkers(t, { prefix, directory: allDayDirectory(), lockDurationMs: 2000, facebook: { graphUrl: fake.url, ...FAST_FACEBOOK } });
  await waitFor(
    'the publication to be published by the worker that took over',
    async () => {
      const { rows: now } = await t.db.pool.query<{ state: string }>('SELECT state FROM publications WHERE id = $1', [publicationId]);
      return now[0]?.state === 'published';
    },
    { timeoutMs: 20_000 },
  );
  assert.equal(fake.posts(ASNES_PAGE).filter((p) => p.message.includes(notice.id)).length, 1, 'exactly one post on the Page');
  assert.equal(fake.requests.filter((r) => r.method === 'POST' && r.edge === 'feed').length, 1, 'posted once, by the killed worker');
  const records = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === publicationId);
  assert.deepEqual(records.map((r) => r.event), ['published']);
  assert.equal(records[0]?.receipt?.adopted, true);
});
