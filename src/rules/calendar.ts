import Holidays from 'date-holidays';
import type { DateTime } from 'luxon';
import type { Messages } from './types.ts';

/**
 * Calendar arithmetic on local dates. A day is numbered by its calendar date alone (days since
 * 1970-01-01), so daylight-saving days of 23 or 25 hours still count as one day.
 */

const MS_PER_DAY = 86_400_000;
// Only 'public' days (helligdager) close offices; bank days such as Christmas Eve do not.
const norway = new Holidays('NO');
const holidaysByYear = new Map<number, Map<number, Messages>>();

export function dayNumber(date: Pick<DateTime, 'year' | 'month' | 'day'>): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

/** ISO weekday (1 = Monday) of a day number; day 0 was a Thursday. */
function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

function publicHolidays(year: number): Map<number, Messages> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Map();
    // Name the language every time: getHolidays(year, lang) changes the instance's default language.
    const english = new Map(norway.getHolidays(year, 'en').map((h) => [`${h.date}|${h.rule}`, h.name]));
    for (const holiday of norway.getHolidays(year, 'no')) {
      if (holiday.type !== 'public') continue;
      // `date` is "YYYY-MM-DD hh:mm:ss" in Norwegian local time.
      const day = Date.UTC(Number(holiday.date.slice(0, 4)), Number(holiday.date.slice(5, 7)) - 1, Number(holiday.date.slice(8, 10))) / MS_PER_DAY;
      const en = english.get(`${holiday.date}|${holiday.rule}`) ?? holiday.name;
      const earlier = days.get(day);
      // 17 May can also be Whit Monday: keep both names.
      days.set(day, earlier ? { nb: `${earlier.nb} / ${holiday.name}`, en: `${earlier.en} / ${en}` } : { nb: holiday.name, en });
    }
    holidaysByYear.set(year, days);
  }
  return days;
}

const WEEKEND_NAMES: Record<number, Messages> = { 6: { nb: 'lørdag', en: 'Saturday' }, 7: { nb: 'søndag', en: 'Sunday' } };

/** Why a day is not a working day (holiday name, or the weekend day), or undefined for a working day. */
export function dayOff(day: number): Messages | undefined {
  return publicHolidays(yearOf(day)).get(day) ?? WEEKEND_NAMES[weekdayOf(day)];
}

function isWorkingDay(day: number): boolean {
  return weekdayOf(day) <= 5 && !publicHolidays(yearOf(day)).has(day);
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
