import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createNewspaperChannel } from '../../src/channels/newspaper/index.ts';
import { publishNewspaperIssue, type NewspaperBatchContext } from '../../src/publishing/newspaper-batch.ts';
import { buildTestApp, shippedDirectory, type TestApp } from '../helpers/app.ts';
import { publicationStates } from '../helpers/workers.ts';
import { BEFORE_DEADLINE, DEADLINE, ISSUE, submitNewspaperNotices } from '../channels/newspaper/support.ts';

// Found by the soak (npm run soak): rendering a whole issue on a busy machine took longer than the
// claim's lease, so the other jobs of the issue claimed the same ads again and sent the issue once
// per lapse (ten manifests with the same 27 ads). The attempt that is rendering keeps its leases
// fresh; one that lost them anyway does not send.

const ADS = 12;
/** Far shorter than rendering the issue takes here. */
const LEASE_MS = 60;

let t: TestApp;
let key: string;

before(async () => {
  t = await buildTestApp({ clock: () => BEFORE_DEADLINE });
  key = await t.key('asnes', 'communications');
});
after(() => t.close());

test('an issue whose rendering outlasts the lease is delivered once, while other jobs of it keep trying', async () => {
  const booked = await submitNewspaperNotices(t, key, ADS);
  const clock = () => new Date(DEADLINE.getTime() + 1000);
  const ctx: NewspaperBatchContext = {
    pool: t.db.pool,
    directory: shippedDirectory(),
    newspaper: createNewspaperChannel({ directoryRoot: join(t.dataDir, 'newspapers'), clock }),
    leaseMs: LEASE_MS,
    clock,
  };
  const [first, ...others] = booked;
  assert.ok(first);
  const started = Date.now();
  const firstAttempt = publishNewspaperIssue(ctx, first.publicationId, false);
  // The other jobs of the issue, as their workers would run them, while the first attempt renders.
  const rivals = (async () => {
    const outcomes = [];
    for (const other of others) {
      await sleep(LEASE_MS * 2);
      outcomes.push((await publishNewspaperIssue(ctx, other.publicationId, false)).outcome.kind);
    }
    return outcomes;
  })();
  const [outcome, rivalOutcomes] = await Promise.all([firstAttempt, rivals]);
  const tookMs = Date.now() - started;

  const folder = join(t.dataDir, 'newspapers', 'asnes', 'glamdalen', ISSUE);
  const manifests = (await readdir(folder)).filter((f) => /^manifest-.*\.json$/.test(f));
  assert.equal(manifests.length, 1, `one delivery of the issue, not one per lapsed lease (first: ${outcome.outcome.kind}, others: ${rivalOutcomes.join(', ')}; ${tookMs} ms)`);
  const states = (await publicationStates(t.db.pool)).filter((p) => booked.some((b) => b.publicationId === p.id));
  assert.deepEqual(new Set(states.map((s) => s.state)), new Set(['delivered']));
});
