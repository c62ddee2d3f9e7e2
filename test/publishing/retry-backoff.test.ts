import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PUBLICATION_JOB_OPTIONS, publicationRetryDelayMs } from '../../src/queue/publishing-queues.ts';

const retries = Array.from({ length: (PUBLICATION_JOB_OPTIONS.attempts ?? 1) - 1 }, (_, i) => i + 1);
const total = (random: () => number): number => retries.reduce((sum, n) => sum + publicationRetryDelayMs(n, random), 0);

test('retries double from 2 s and never wait more than 5 minutes', () => {
  const noJitter = (): number => 0;
  assert.deepEqual(
    [1, 2, 3, 8, 9, 15].map((n) => publicationRetryDelayMs(n, noJitter)),
    [2000, 4000, 8000, 256_000, 300_000, 300_000],
  );
  // Jitter takes up to half of a wait away, never adds to it.
  assert.equal(publicationRetryDelayMs(9, () => 0.999_999), 150_000);
});

test('a channel outage of 20 minutes is waited out before a publication fails for good', () => {
  assert.ok(total(() => 0.999_999) > 20 * 60_000, `shortest budget ${total(() => 0.999_999)} ms`);
  assert.ok(total(() => 0) < 45 * 60_000, `longest budget ${total(() => 0)} ms`);
});
