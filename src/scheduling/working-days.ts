import Holidays from 'date-holidays';
import type { DateTime } from 'luxon';

// Only 'public' days (helligdager) close offices and presses; bank days such as Christmas Eve do not.
const norway = new Holidays('NO');
const publicHolidaysByYear = new Map<number, Set<number>>();

function dateKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

function publicHolidays(year: number): Set<number> {
  let keys = publicHolidaysByYear.get(year);
  if (!keys) {
    keys = new Set(
      norway
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        // `date` is "YYYY-MM-DD hh:mm:ss" in Norwegian local time.
        .map((holiday) =>
          dateKey(Number(holiday.date.slice(0, 4)), Number(holiday.date.slice(5, 7)), Number(holiday.date.slice(8, 10))),
        ),
    );
    publicHolidaysByYear.set(year, keys);
  }
  return keys;
}

/**
 * Whether the calendar date of `day` (in its own zone) is a Norwegian public holiday.
 * The functions here read only the calendar date, so a `DateTime` in UTC works as a cheap calendar day.
 */
export function isPublicHoliday(day: DateTime): boolean {
  return publicHolidays(day.year).has(dateKey(day.year, day.month, day.day));
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
