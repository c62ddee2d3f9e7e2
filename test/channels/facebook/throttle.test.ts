import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ChannelPausedError } from '../../../src/channels/types.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases.ts';
import { startFakeGraph, type FakeGraph } from '../../fakes/graph-api/server.ts';
import { facebookSetup, facebookTask, PAGE_ID } from './fixtures.ts';

// Usage near the limit pauses the Page before Facebook refuses (as Mixpost does): the post that
// reported 95 % goes out, and the next one waits for as long as the headers say, without a call.

let db: TestDatabase;
let fake: FakeGraph;
before(async () => {
  db = await createTestDatabase();
  fake = await startFakeGraph();
});
after(async () => {
  await fake.close();
  await db.drop();
});

test('an answer at 95 % usage pauses the Page for the minutes Facebook names', async () => {
  const { adapter } = await facebookSetup(db, fake);
  fake.setUsage(PAGE_ID, 95, 3);
  const first = facebookTask();
  const receipt = await adapter.deliver(first, await adapter.render(first));
  assert.match(receipt.externalId ?? '', new RegExp(`^${PAGE_ID}_`));

  const calls = fake.requests.length;
  const second = facebookTask();
  const started = Date.now();
  await assert.rejects(adapter.deliver(second, await adapter.render(second)), (error: unknown) => {
    assert.ok(error instanceof ChannelPausedError);
    const wait = error.retryAt.getTime() - started;
    assert.ok(wait > 2.9 * 60_000 && wait <= 3 * 60_000, `waits ${wait} ms`);
    assert.equal(error.details.waitingFor, 'rate-limit');
    return true;
  });
  assert.equal(fake.requests.length, calls, 'no call while paused');
});
