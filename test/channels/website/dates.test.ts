import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DateTime, Interval } from 'luxon';
import { formatSpan, formatWhen, readWhen } from '../../../src/channels/website/dates.ts';
import { cachedZone } from '../../../src/time/cached-zone.ts';
import { parseLocalDateOrDateTime } from '../../../src/time/local-time.ts';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Dates and date-times as notices write them: local or with an offset, DST nights and odd years included. */
const values = fc.oneof(
  fc.record({ y: fc.integer({ min: 1, max: 2200 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) }).map(({ y, m, d }) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
  fc
    .record({
      y: fc.constantFrom(1999, 2027, 2030, 2031),
      m: fc.constantFrom(1, 3, 6, 10, 12),
      d: fc.integer({ min: 24, max: 31 }),
      h: fc.integer({ min: 0, max: 23 }),
      min: fc.constantFrom(0, 15, 30, 59),
      s: fc.constantFrom('', ':00', ':59', ':30.25'),
      offset: fc.constantFrom('', 'Z', '+01:00', '+0200', '-05:30'),
    })
    .map(({ y, m, d, h, min, s, offset }) => `${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}${s}${offset}`),
);

test('a page reads every date as luxon reads it: the same instant in the same zone, or nothing where luxon refuses', () => {
  for (const zone of ['Europe/Oslo', 'America/Santiago', 'UTC']) {
    fc.assert(
      fc.property(values, (value) => {
        const read = readWhen(value, zone);
        const reference = parseLocalDateOrDateTime(value, cachedZone(zone));
        if (!reference.ok) return read === undefined;
        return read !== undefined && read.dateOnly === (value.length === 10) && read.at.equals(reference.value);
      }),
      { seed: 20261202, numRuns: 3000 },
    );
  }
});

test('a year before 100 is not read as the 1900s', () => {
  const when = readWhen('0050-06-01', 'Europe/Oslo');
  assert.equal(when?.at.year, 50);
});

test('dates and spans are written as luxon writes them, in every language a notice may have', () => {
  const styles = { date: { dateStyle: 'full' }, time: { dateStyle: 'full', timeStyle: 'short' } } as const;
  for (const zone of ['Europe/Oslo', 'UTC']) {
    fc.assert(
      fc.property(values, values, fc.constantFrom('nb', 'nn', 'se', 'en'), (a, b, lang) => {
        const [start, end] = [readWhen(a, zone), readWhen(b, zone)];
        if (!start || !end || end.at < start.at) return true;
        const style = start.dateOnly && end.dateOnly ? styles.date : styles.time;
        return (
          formatWhen(start, lang) === start.at.setLocale(lang).toLocaleString(start.dateOnly ? styles.date : styles.time) &&
          formatSpan(start, end, lang) === Interval.fromDateTimes(start.at.setLocale(lang), end.at.setLocale(lang)).toLocaleString(style)
        );
      }),
      { seed: 20261202, numRuns: 1000 },
    );
  }
  assert.equal(formatWhen({ at: DateTime.fromISO('2030-03-05T13:30', { zone: 'Europe/Oslo' }), dateOnly: false }, 'nb'), 'tirsdag 5. mars 2030 kl. 13:30');
});
