import type { DateTime } from 'luxon';
import { dayNumber, norwegianPublicHolidays } from '../time/norwegian-holidays.ts';

/**
 * Whether the calendar date of `day` (in its own zone) is a Norwegian public holiday.
 * The functions here read only the calendar date, so a `DateTime` in UTC works as a cheap calendar day.
 */
export function isPublicHoliday(day: DateTime): boolean {
  return norwegianPublicHolidays(day.year).has(dayNumber(day));
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(day: DateTime): boolean {
  return day.weekday <= 5 && !isPublicHoliday(day);
}

/** The date `count` working days before `day` (0 → `day` itself), skipping weekends and public holidays. */
export function workingDaysBefore(day: DateTime, count: number): DateTime {
  let date = day;
  for (let left = count; left > 0; ) {
    date = date.minus({ days: 1 });
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}
