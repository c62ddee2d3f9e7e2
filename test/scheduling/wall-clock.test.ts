import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseClockTime, wallClockInstants } from '../../src/scheduling/wall-clock.ts';
import { day, oslo, ZONE } from './fixtures.ts';

await test('parseClockTime: reads HH:mm from 00:00 to 23:59', () => {
  assert.deepEqual(parseClockTime('00:00'), { hour: 0, minute: 0 });
  assert.deepEqual(parseClockTime('23:59'), { hour: 23, minute: 59 });
});

await test('parseClockTime: rejects anything else', () => {
  for (const bad of ['7:00', '24:00', '12:60', '12:00:00', '']) {
    assert.throws(() => parseClockTime(bad), RangeError, bad);
  }
});

await test('wallClockInstants: gives one instant on an ordinary day', () => {
  const { earliest, latest } = wallClockInstants(day('2026-06-10'), { hour: 12, minute: 0 }, ZONE);
  assert.equal(oslo(earliest), '2026-06-10T12:00:00+02:00');
  assert.equal(oslo(latest), '2026-06-10T12:00:00+02:00');
});

await test('wallClockInstants: gives both readings of a time in the fall-back overlap, earliest first', () => {
  const { earliest, latest } = wallClockInstants(day('2026-10-25'), { hour: 2, minute: 30 }, ZONE);
  assert.equal(oslo(earliest), '2026-10-25T02:30:00+02:00');
  assert.equal(oslo(latest), '2026-10-25T02:30:00+01:00');
});

await test('wallClockInstants: moves a time in the spring-forward gap to a valid instant after it', () => {
  const { earliest, latest } = wallClockInstants(day('2026-03-29'), { hour: 2, minute: 30 }, ZONE);
  assert.equal(oslo(earliest), '2026-03-29T03:30:00+02:00');
  assert.equal(latest.toMillis(), earliest.toMillis());
});
