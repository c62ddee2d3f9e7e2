import { dayNumber, norwegianPublicHolidays } from '../time/norwegian-holidays.ts';
import type { Messages } from './types.ts';

/**
 * Calendar arithmetic on local dates. A day is numbered by its calendar date alone (days since
 * 1970-01-01), so daylight-saving days of 23 or 25 hours still count as one day.
 */

const MS_PER_DAY = 86_400_000;

export { dayNumber };

/** ISO weekday (1 = Monday) of a day number; day 0 was a Thursday. */
function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

const WEEKEND_NAMES: Record<number, Messages> = { 6: { nb: 'lørdag', en: 'Saturday' }, 7: { nb: 'søndag', en: 'Sunday' } };

/** Why a day is not a working day (holiday name, or the weekend day), or undefined for a working day. */
export function dayOff(day: number): Messages | undefined {
  return norwegianPublicHolidays(yearOf(day)).get(day) ?? WEEKEND_NAMES[weekdayOf(day)];
}

function isWorkingDay(day: number): boolean {
  return weekdayOf(day) <= 5 && !norwegianPublicHolidays(yearOf(day)).has(day);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: number, to: number): number {
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (isWorkingDay(day)) count++;
  return count;
}

/** The day `count` working days after `from` (before it, for a negative count). */
export function addWorkingDays(from: number, count: number): number {
  const step = count < 0 ? -1 : 1;
  let day = from;
  for (let left = Math.abs(count); left > 0; ) {
    day += step;
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
