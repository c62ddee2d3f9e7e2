import { addWorkingDays, isoDate, workingDaysBetween } from '../calendar.ts';

/** "Days" in the law are calendar days unless a rule says working days (DESIGN principle 5). */
export type DayUnit = 'calendar' | 'working';

/** Days from one local date to another: calendar days, or working days after `from` up to `to`. */
export function daysBetween(from: number, to: number, unit: DayUnit): number {
  return unit === 'working' ? workingDaysBetween(from, to) : to - from;
}

/** `YYYY-MM-DD` of the date `days` days after `from` (before, for negative calendar days). */
export function dateAfter(from: number, days: number, unit: DayUnit): string {
  return isoDate(unit === 'working' ? addWorkingDays(from, days) : from + days);
}
