import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapInSlices } from '../../../src/channels/website/in-slices.ts';

/** Holds the thread for `ms`, as rendering a notice's entry does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('a long map gives the event loop turns while it runs, and keeps every item in order', async () => {
  let loopRan = false;
  setImmediate(() => {
    loopRan = true;
  });
  // 2,000 items of 0.05 ms each: about 100 ms, ten slices' worth.
  const seen = await mapInSlices(
    Array.from({ length: 2000 }, (_, i) => i),
    (i) => {
      busy(0.05);
      return { i, loopRan };
    },
  );
  assert.deepEqual(
    seen.map((s) => s.i),
    Array.from({ length: 2000 }, (_, i) => i),
  );
  assert.equal(seen[0]?.loopRan, false, 'the map starts at once');
  assert.equal(seen.at(-1)?.loopRan, true, 'a callback queued behind the map ran before the map was done');
});

test('a short map runs in one go', async () => {
  let loopRan = false;
  setImmediate(() => {
    loopRan = true;
  });
  const seen = await mapInSlices([1, 2, 3], () => loopRan);
  assert.deepEqual(seen, [false, false, false]);
});
