import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { instantOf, localIso, readDateTimeParts } from '../../src/time/local-instant.ts';
import { parseLocalDateTime } from '../../src/time/local-time.ts';

const ZONES = ['Europe/Oslo', 'America/New_York', 'Australia/Lord_Howe', 'UTC'];

test('the fast reading agrees with local-time.ts wherever it gives an answer, DST nights included', () => {
  let answered = 0;
  for (const zone of ZONES) {
    for (const start of ['2030-03-29T00:00', '2030-10-25T00:00', '2030-07-01T00:00', '2030-11-01T00:00']) {
      for (let minutes = 0; minutes < 4 * 24 * 60; minutes += 15) {
        const value = DateTime.fromISO(start, { zone: 'UTC' }).plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm");
        const parts = readDateTimeParts(value);
        assert.ok(parts, value);
        const fast = instantOf(parts, zone);
        if (fast === undefined) continue;
        answered++;
        const reference = parseLocalDateTime(value, zone);
        assert.ok(reference.ok, `${zone} ${value}: the fast reading answered where the reference refuses`);
        assert.equal(fast, reference.value.toMillis(), `${zone} ${value}`);
      }
    }
  }
  // Most times of those four days in four zones are far from any offset change.
  assert.ok(answered > 5_000, String(answered));
});

test('near an offset change it leaves the answer to local-time.ts', () => {
  for (const value of ['2030-03-31T02:30', '2030-10-27T02:30', '2030-03-31T12:00']) {
    const parts = readDateTimeParts(value);
    assert.ok(parts);
    assert.equal(instantOf(parts, 'Europe/Oslo'), undefined, value);
  }
});

test('a written offset is taken as it is', () => {
  const parts = readDateTimeParts('2030-10-27T02:30+01:00');
  assert.ok(parts);
  assert.equal(instantOf(parts, 'Europe/Oslo'), Date.UTC(2030, 9, 27, 1, 30));
  assert.equal(instantOf(readDateTimeParts('2030-06-01T12:00:30.5Z') ?? { wallMs: 0 }, 'Europe/Oslo'), Date.UTC(2030, 5, 1, 12, 0, 30, 500));
});

test('reads what local-time.ts reads, and refuses what it refuses', () => {
  for (const value of ['2030-02-28T23:59', '2030-02-28T23:59:59', '2030-02-28T23:59:59.123', '2030-02-28T23:59+0100', '2030-02-28T23:59-05:30', '2032-02-29T12:00']) {
    assert.ok(readDateTimeParts(value), value);
    assert.equal(parseLocalDateTime(value, 'UTC').ok, true, value);
  }
  for (const value of ['2030-02-30T12:00', '2030-13-01T12:00', '2030-01-01T12:60', '2030-01-01 12:00', '2030-01-01', '12:00']) {
    assert.equal(readDateTimeParts(value), undefined, value);
    assert.equal(parseLocalDateTime(value, 'UTC').ok, false, value);
  }
  // A little stricter than luxon: no 24:00 for midnight, no offsets beyond ±23:59.
  assert.equal(readDateTimeParts('2030-01-01T24:00'), undefined);
  assert.equal(readDateTimeParts('2030-01-01T12:00+25:00'), undefined);
});

test('localIso gives what luxon gives, across both DST changes and in an odd zone', () => {
  const zones = ['Europe/Oslo', 'America/St_Johns', 'Asia/Kathmandu'];
  for (let ms = Date.UTC(2026, 2, 28); ms < Date.UTC(2026, 2, 30); ms += 15 * 60_000) {
    for (const zone of zones) assert.equal(localIso(new Date(ms), zone), DateTime.fromMillis(ms, { zone }).toISO());
  }
  for (let ms = Date.UTC(2026, 9, 24); ms < Date.UTC(2026, 9, 26); ms += 15 * 60_000) {
    for (const zone of zones) assert.equal(localIso(new Date(ms), zone), DateTime.fromMillis(ms, { zone }).toISO());
  }
});
