import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPublicHoliday, isWorkingDay, workingDaysBefore } from '../../src/scheduling/working-days.ts';
import { at, day } from './fixtures.ts';

await test('isPublicHoliday and isWorkingDay: knows Easter 2027: Maundy Thursday, Good Friday, Easter Sunday and Monday', () => {
  for (const date of ['2027-03-25', '2027-03-26', '2027-03-28', '2027-03-29']) {
    assert.equal(isPublicHoliday(day(date)), true, date);
    assert.equal(isWorkingDay(day(date)), false, date);
  }
  assert.equal(isWorkingDay(day('2027-03-24')), true);
  assert.equal(isWorkingDay(day('2027-03-30')), true);
});

await test('isPublicHoliday and isWorkingDay: knows 17 May and Christmas, but not bank or observance days', () => {
  assert.equal(isWorkingDay(day('2027-05-17')), false);
  assert.equal(isPublicHoliday(day('2026-12-25')), true);
  assert.equal(isPublicHoliday(day('2026-12-26')), true);
  assert.equal(isWorkingDay(day('2026-12-24')), true, 'Christmas Eve is a bank day only');
  assert.equal(isWorkingDay(day('2026-05-08')), true, 'Liberation Day is an observance only');
});

await test('isPublicHoliday and isWorkingDay: treats weekends as non-working days', () => {
  assert.equal(isWorkingDay(day('2026-06-06')), false);
  assert.equal(isWorkingDay(day('2026-06-07')), false);
  assert.equal(isWorkingDay(day('2026-06-08')), true);
});

await test('isPublicHoliday and isWorkingDay: reads the calendar date in the zone of the value', () => {
  // 00:30 on Christmas Day in Oslo is still Christmas Eve in UTC.
  assert.equal(isPublicHoliday(at('2026-12-25T00:30+01:00')), true);
  assert.equal(isPublicHoliday(at('2026-12-25T00:30+01:00').toUTC()), false);
});

const iso = (date: string, count: number) => workingDaysBefore(day(date), count).toISODate();

await test('workingDaysBefore: returns the day itself for zero', () => {
  assert.equal(iso('2026-06-13', 0), '2026-06-13');
});

await test('workingDaysBefore: skips the weekend', () => {
  assert.equal(iso('2026-06-08', 1), '2026-06-05');
});

await test('workingDaysBefore: skips Easter 2027: both Saturday 27 and Tuesday 30 March count back to Tuesday 23', () => {
  assert.equal(iso('2027-03-27', 2), '2027-03-23');
  assert.equal(iso('2027-03-30', 2), '2027-03-23');
});

await test('workingDaysBefore: skips 17 May and Christmas', () => {
  assert.equal(iso('2027-05-18', 1), '2027-05-14');
  assert.equal(iso('2026-12-29', 2), '2026-12-24');
});
