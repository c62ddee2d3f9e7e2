import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DailyWindow, moveIntoWindow } from '../../src/scheduling/posting-window.ts';
import { at, oslo, ZONE } from './fixtures.ts';

const DAYTIME: DailyWindow = { from: '07:00', to: '22:00' };

function moved(instant: string, window: DailyWindow = DAYTIME): string {
  return oslo(moveIntoWindow(at(instant), window, ZONE));
}

await test('inside the window: unchanged, to the millisecond', () => {
  const instant = at('2026-06-10T12:34:56.789+02:00');
  assert.equal(moveIntoWindow(instant, DAYTIME, ZONE).toMillis(), instant.toMillis());
});

await test('at the edges: from is inside, to is outside', () => {
  assert.equal(moved('2026-06-10T06:59:59+02:00'), '2026-06-10T07:00:00+02:00');
  assert.equal(moved('2026-06-10T07:00+02:00'), '2026-06-10T07:00:00+02:00');
  assert.equal(moved('2026-06-10T21:59:59+02:00'), '2026-06-10T21:59:59+02:00');
  assert.equal(moved('2026-06-10T22:00+02:00'), '2026-06-11T07:00:00+02:00');
});

await test('before the window: same day at from; after it: next day at from', () => {
  assert.equal(moved('2026-06-10T00:30+02:00'), '2026-06-10T07:00:00+02:00');
  assert.equal(moved('2026-06-10T23:30+02:00'), '2026-06-11T07:00:00+02:00');
});

await test('the window is local: an instant given in UTC is judged by the Oslo clock', () => {
  // 05:30Z is 07:30 in Oslo in summer.
  assert.equal(oslo(moveIntoWindow(at('2026-06-10T05:30Z').toUTC(), DAYTIME, ZONE)), '2026-06-10T07:30:00+02:00');
});

await test('spring forward, 2026-03-29: the morning opening is in summer time', () => {
  assert.equal(moved('2026-03-29T01:30+01:00'), '2026-03-29T07:00:00+02:00');
  // The night before: 8 hours of wall clock, 7 hours of real time.
  assert.equal(moved('2026-03-28T23:00+01:00'), '2026-03-29T07:00:00+02:00');
});

await test('fall back, 2026-10-25: the morning opening is in winter time', () => {
  assert.equal(moved('2026-10-24T22:30+02:00'), '2026-10-25T07:00:00+01:00');
  assert.equal(moved('2026-10-25T02:30+01:00'), '2026-10-25T07:00:00+01:00');
});

await test('an opening time that does not exist that day still gives a valid instant in the window', () => {
  const night: DailyWindow = { from: '02:30', to: '05:00' };
  assert.equal(moved('2026-03-29T01:00+01:00', night), '2026-03-29T03:30:00+02:00');
  assert.equal(moved('2026-03-28T06:00+01:00', night), '2026-03-29T03:30:00+02:00');
});

await test('an opening time that occurs twice: the first one not before the instant', () => {
  const night: DailyWindow = { from: '02:30', to: '05:00' };
  assert.equal(moved('2026-10-25T01:00+02:00', night), '2026-10-25T02:30:00+02:00');
  // 02:15 the second time round: the first 02:30 has passed, the second is still ahead.
  assert.equal(moved('2026-10-25T02:15+01:00', night), '2026-10-25T02:30:00+01:00');
});

await test('a window over midnight', () => {
  const overnight: DailyWindow = { from: '22:00', to: '06:00' };
  assert.equal(moved('2026-06-10T23:00+02:00', overnight), '2026-06-10T23:00:00+02:00');
  assert.equal(moved('2026-06-10T05:59+02:00', overnight), '2026-06-10T05:59:00+02:00');
  assert.equal(moved('2026-06-10T06:00+02:00', overnight), '2026-06-10T22:00:00+02:00');
  assert.equal(moved('2026-06-10T12:00+02:00', overnight), '2026-06-10T22:00:00+02:00');
});

await test('equal bounds: open all day', () => {
  assert.equal(moved('2026-06-10T03:00+02:00', { from: '07:00', to: '07:00' }), '2026-06-10T03:00:00+02:00');
});

await test('the result is in the tenant zone', () => {
  assert.equal(moveIntoWindow(at('2026-06-10T12:00Z').toUTC(), DAYTIME, ZONE).zoneName, ZONE);
  assert.equal(moveIntoWindow(at('2026-06-10T23:00Z').toUTC(), DAYTIME, ZONE).zoneName, ZONE);
});

await test('a malformed window is rejected', () => {
  assert.throws(() => moveIntoWindow(at('2026-06-10T12:00Z'), { from: '7', to: '22:00' }, ZONE), RangeError);
});
