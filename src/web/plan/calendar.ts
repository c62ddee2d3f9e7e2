import { DateTime } from 'luxon';
import type { Newspaper } from '../../config/tenant-types.ts';
import type { NoticeRow } from '../../store/notices.ts';

/** One publication in the calendar: which notice, which channel, and the state to show. */
export interface Entry {
  noticeId: string;
  title: string;
  channel: string;
  target: string;
  at: DateTime;
  /** The publication's state, or the notice's while it waits for approval or is withdrawn. */
  state: string;
  issueDate: string | null;
}

export interface Day {
  date: DateTime;
  entries: Entry[];
  /** Newspapers that come out that day. */
  issues: string[];
}

export type View = 'week' | 'month';

/** The first and last-plus-one day of the week or month around `date`, in the tenant's zone. */
export function range(view: View, date: DateTime): { start: DateTime; end: DateTime } {
  const start = date.startOf(view === 'week' ? 'week' : 'month');
  return { start, end: start.plus(view === 'week' ? { weeks: 1 } : { months: 1 }) };
}

/** The days of the range, each with its publications in time order and its newspaper issues. */
export function calendarDays(rows: readonly NoticeRow[], papers: readonly Newspaper[], start: DateTime, end: DateTime): Day[] {
  const zone = start.zoneName ?? 'UTC';
  const entries: Entry[] = rows.flatMap((row) =>
    row.publications.map((p) => ({
      noticeId: row.id,
      title: row.content.title,
      channel: p.channel,
      target: p.target,
      at: DateTime.fromJSDate(p.appearsAt, { zone }),
      state: row.status === 'awaiting_approval' || row.status === 'withdrawn' ? row.status : p.state,
      issueDate: p.issueDate,
    })),
  );
  const days: Day[] = [];
  for (let day = start; day < end; day = day.plus({ days: 1 })) {
    const next = day.plus({ days: 1 });
    days.push({
      date: day,
      entries: entries.filter((e) => e.at >= day && e.at < next).sort((a, b) => a.at.toMillis() - b.at.toMillis()),
      issues: papers.filter((paper) => (paper.issueWeekdays as readonly number[]).includes(day.weekday)).map((paper) => paper.name),
    });
  }
  return days;
}
