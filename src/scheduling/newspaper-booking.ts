import type { DateTime } from 'luxon';
import type { Newspaper } from '../config/tenant-types.ts';
import { type BookableIssue, epochDay, issuesOfYear } from './issue-calendar.ts';

export type { BookableIssue };

/** How far ahead of the earliest moment issue days are searched. */
export const BOOKING_HORIZON_DAYS = 60;

/**
 * The next `count` issues of `paper` whose booking deadline is strictly after `earliest`, in date order,
 * among the issue days up to {@link BOOKING_HORIZON_DAYS} days after the local date of `earliest`.
 */
export function upcomingIssues(paper: Newspaper, zone: string, earliest: DateTime, count: number): BookableIssue[] {
  const local = earliest.setZone(zone);
  const lastDay = epochDay(local) + BOOKING_HORIZON_DAYS;
  const after = earliest.toMillis();
  const found: BookableIssue[] = [];
  // The horizon is shorter than a year, so it ends in this year or the next.
  for (const year of [local.year, local.year + 1]) {
    for (const entry of issuesOfYear(paper, zone, year)) {
      if (found.length === count || entry.epochDay > lastDay) return found;
      if (entry.deadlineMillis > after) found.push(entry.issue);
    }
  }
  return found;
}

/** The earliest issue whose booking deadline is still strictly ahead of `earliest`; null if none in the horizon. */
export function bookIssue(paper: Newspaper, zone: string, earliest: DateTime): BookableIssue | null {
  return upcomingIssues(paper, zone, earliest, 1)[0] ?? null;
}
