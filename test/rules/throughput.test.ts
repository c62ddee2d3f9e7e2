import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { evaluate, validateFields } from '../../src/rules/index.ts';
import { asnes, contextFor, planAt, readExample, rulesFor, ZONE } from './fixtures.ts';

/**
 * The rules run on every submission and dry run. Target: 20 000 typical vacancies a second on one
 * core (measured 26 000 on the 2-vCPU development machine, idle). Test files run in parallel, so
 * this only guards against a collapse (a regular expression gone quadratic); the figure is printed.
 */
const FLOOR_PER_SECOND = 5_000;

test('a typical vacancy is checked fast (fields + every check)', (t) => {
  const example = readExample('vacancy');
  const rules = rulesFor('vacancy');
  const now = DateTime.now().setZone(ZONE);
  const plan = planAt(example.channels ?? [], now);
  const once = (): number => {
    // A fresh notice object each time, as each request brings one.
    const ctx = contextFor({ ...example }, { now, plan, publication: now });
    return validateFields(rules, ctx.notice, asnes, 'nb').length + evaluate(rules, ctx, 'nb').errors.length;
  };
  for (let i = 0; i < 2_000; i++) assert.equal(once(), 0);
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const count = 5_000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) once();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    best = Math.max(best, count / seconds);
  }
  t.diagnostic(`${Math.round(best)} vacancies/s`);
  assert.ok(best >= FLOOR_PER_SECOND, `${Math.round(best)}/s`);
});
