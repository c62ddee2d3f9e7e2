import { DateTime } from 'luxon';
import type { Newspaper } from '../config/tenant-types.ts';
import { parseClockTime, wallClockInstants } from './wall-clock.ts';
import { isPublicHoliday, workingDaysBefore } from './working-days.ts';

/** An issue of a newspaper that a notice can be booked into. */
export interface BookableIssue {
  /** Calendar date of the issue in the tenant's zone, `YYYY-MM-DD`. */
  readonly issueDate: string;
  /** Booking closes at this instant: an ad must be booked strictly before it. */
  readonly deadline: DateTime;
  /** When the issue reaches readers: the start of the issue day in the tenant's zone (or, for a same-day
   *  deadline, the deadline). */
  readonly appearsAt: DateTime;
}

export interface CalendarEntry {
  /** Days since 1970-01-01 of the issue date, for cheap date comparisons. */
  readonly epochDay: number;
  readonly deadlineMillis: number;
  readonly issue: BookableIssue;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a calendar date. */
export function epochDay(date: DateTime): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

// Issues depend only on the calendar and the paper's settings, and zone arithmetic is the planner's main
// cost, so each year's issues are computed once per distinct setting. Entries are immutable and shared.
const calendars = new Map<string, Map<number, readonly CalendarEntry[]>>();

function computeYear(paper: Newspaper, zone: string, year: number): CalendarEntry[] {
  const issueWeekdays = new Set<number>(paper.issueWeekdays);
  const deadlineTime = parseClockTime(paper.bookingDeadline.time);
  const entries: CalendarEntry[] = [];
  // Calendar days are walked in UTC: the wall clock meets the zone only for the deadline and the day start.
  for (let day = DateTime.utc(year, 1, 1); day.year === year; day = day.plus({ days: 1 })) {
    if (!issueWeekdays.has(day.weekday) || isPublicHoliday(day)) continue;
    // In a fall-back overlap the earlier instant is the deadline: never book past the real one.
    const closingDay = workingDaysBefore(day, paper.bookingDeadline.workingDaysBefore);
    const deadline = wallClockInstants(closingDay, deadlineTime, zone).earliest;
    const dayStart = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone });
    entries.push({
      epochDay: epochDay(day),
      deadlineMillis: deadline.toMillis(),
      issue: {
        issueDate: day.toFormat('yyyy-MM-dd'),
        deadline,
        // An ad cannot appear before it is booked, which matters only for a same-day deadline.
        appearsAt: DateTime.max(dayStart, deadline),
      },
    });
  }
  return entries;
}

/**
 * Every issue of `paper` dated in `year` (skipping issue days that are public holidays: no paper prints on
 * 17 May or Christmas Day), in date order, with its booking deadline.
 */
export function issuesOfYear(paper: Newspaper, zone: string, year: number): readonly CalendarEntry[] {
  const { issueWeekdays, bookingDeadline } = paper;
  const weekdays = [...issueWeekdays].sort().join(',');
  const key = `${zone}|${weekdays}|${bookingDeadline.workingDaysBefore}|${bookingDeadline.time}`;
  let years = calendars.get(key);
  if (!years) calendars.set(key, (years = new Map<number, readonly CalendarEntry[]>()));
  let entries = years.get(year);
  if (!entries) years.set(year, (entries = computeYear(paper, zone, year)));
  return entries;
}
