import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { deleteQueueKeys, newQueuePrefix, publicationStates, startTestWorkers, waitFor, type TestWorkers } from '../../helpers/workers.ts';
import { startSftpServer, type SftpTestServer } from '../../fakes/sftp/openssh-server.ts';
import { clockBeforeDeadline } from './at-the-deadline.ts';
import { ISSUE, submitNewspaperNotices } from './support.ts';
import { directoryWithSftp, sftpDelivery } from './sftp-tenant.ts';

// The paper's SFTP server is down at the deadline: the worker's attempt fails and BullMQ retries
// with backoff; once the server is back, the batch is delivered, once.

const prefix = newQueuePrefix();
const clock = clockBeforeDeadline(8000);
let t: TestApp;
let server: SftpTestServer;
let workers: TestWorkers | undefined;

before(async () => {
  server = await startSftpServer();
  const directory = directoryWithSftp(sftpDelivery(server));
  t = await buildTestApp({ clock, directory });
  workers = await startTestWorkers(t, { prefix, clock, directory });
});
after(async () => {
  await workers?.stop();
  await deleteQueueKeys(prefix);
  await server.close();
  await t.close();
});

test('SFTP down at the deadline, then back: retried by the worker, delivered once', async () => {
  const key = await t.key('asnes', 'communications');
  const booked = await submitNewspaperNotices(t, key, 2, 'Retry');
  const ids = booked.map((b) => b.publicationId);
  await server.stop();
  const mine = async () => (await publicationStates(t.db.pool)).filter((p) => ids.includes(p.id));
  await waitFor('a failed attempt', async () => (await mine()).some((p) => p.lastError !== null), { timeoutMs: 15_000 });
  assert.ok((await mine()).every((p) => p.state === 'publishing'), 'waiting for a retry, not failed');
  await server.start();
  await waitFor('the batch to be delivered', async () => (await mine()).every((p) => p.state === 'delivered'), {
    timeoutMs: 30_000,
    describe: async () => JSON.stringify((await mine()).map((p) => [p.state, p.attempts, p.lastError])),
  });
  const folder = join(server.uploadDir, 'asnes', 'glamdalen', ISSUE);
  const files = await readdir(folder);
  assert.equal(files.filter((f) => /^manifest-.*\.json$/.test(f)).length, 1, files.join(', '));
  assert.equal(files.filter((f) => f.endsWith('.pdf')).length, 2);
  assert.ok((await mine()).every((p) => p.attempts >= 2), 'delivered on a retry');
});
