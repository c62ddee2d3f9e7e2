import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { UnrecoverableError, Worker } from 'bullmq';
import { connectionFor } from '../../src/queue/connection.ts';
import { channelQueueName } from '../../src/queue/names.ts';
import { PublishingQueues } from '../../src/queue/publishing-queues.ts';
import { REDIS_URL } from '../helpers/app.ts';
import { deleteQueueKeys, newQueuePrefix, waitFor } from '../helpers/workers.ts';

// The relay adds a take-down job for every `withdrawing` row on each pass; the job id dedupes them.
// A take-down that failed for good must not keep its id, or no later pass could try again.

const prefix = newQueuePrefix();
const config = { redisUrl: REDIS_URL, prefix };
let queues: PublishingQueues;

before(() => {
  queues = new PublishingQueues(config, 'worker');
});
after(async () => {
  await queues.close();
  await deleteQueueKeys(prefix);
});

test('a take-down that failed for good can be added again', async () => {
  const id = randomUUID();
  const failed: string[] = [];
  const worker = new Worker(
    channelQueueName('facebook'),
    () => {
      throw new UnrecoverableError('Facebook refused the DELETE');
    },
    { connection: connectionFor(config, 'worker'), prefix },
  );
  worker.on('failed', (job) => failed.push(job?.id ?? ''));
  try {
    await queues.enqueueWithdrawals([{ id, channel: 'facebook' }]);
    await waitFor('the take-down to fail', async () => (failed.includes(`withdraw-${id}`) ? true : undefined), { timeoutMs: 10_000, intervalMs: 50 });
    await worker.pause();
    await queues.enqueueWithdrawals([{ id, channel: 'facebook' }]);
    assert.equal(await queues.queue('facebook').getJobState(`withdraw-${id}`), 'waiting');
  } finally {
    await worker.close();
  }
});
