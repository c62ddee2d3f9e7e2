import { DateTime } from 'luxon';

/** A closed period within one calendar year: one arkivdel. */
export interface ExportPeriod {
  year: number;
  /** Start (inclusive), local midnight. */
  from: DateTime;
  /** End (exclusive), local midnight. */
  to: DateTime;
  /** Last day, inclusive (what the package states as archivalPeriod endDate). */
  lastDay: string;
  /** e.g. `2025` or `2025-03-01_2025-05-31`, for file names. */
  label: string;
}

export type PeriodResult = { ok: true; period: ExportPeriod } | { ok: false; path: string; message: string };

const refuse = (path: string, message: string): PeriodResult => ({ ok: false, path, message });

/**
 * `year=2025`, or `from`/`to` (dates, both included) within one year. The period must be closed —
 * over before today in the tenant's zone — since an extraction holds closed arkivdeler only.
 */
export function exportPeriod(query: { year?: string; from?: string; to?: string }, zone: string, now: Date): PeriodResult {
  let from: DateTime;
  let to: DateTime;
  if (query.year !== undefined) {
    if (query.from !== undefined || query.to !== undefined) return refuse('/querystring/year', 'give either year or from and to, not both');
    from = DateTime.fromObject({ year: Number(query.year), month: 1, day: 1 }, { zone });
    to = from.plus({ years: 1 });
  } else {
    if (query.from === undefined || query.to === undefined) return refuse('/querystring', 'give year, or both from and to');
    from = DateTime.fromISO(query.from, { zone }).startOf('day');
    const last = DateTime.fromISO(query.to, { zone }).startOf('day');
    if (!from.isValid) return refuse('/querystring/from', 'is not a calendar date');
    if (!last.isValid) return refuse('/querystring/to', 'is not a calendar date');
    if (from > last) return refuse('/querystring/from', '"from" is after "to"');
    if (last.year !== from.year) return refuse('/querystring/to', 'the period is over the limit: one calendar year at most (one arkivdel per extraction)');
    to = last.plus({ days: 1 });
  }
  if (!from.isValid) return refuse('/querystring/year', 'is not a year');
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  if (to > today) return refuse(query.year !== undefined ? '/querystring/year' : '/querystring/to', `the period is not closed yet: it must end before today (${today.toISODate() ?? ''})`);
  const firstDay = from.toISODate() ?? '';
  const lastDay = to.minus({ days: 1 }).toISODate() ?? '';
  const whole = from.month === 1 && from.day === 1 && to.equals(from.plus({ years: 1 }));
  return { ok: true, period: { year: from.year, from, to, lastDay, label: whole ? String(from.year) : `${firstDay}_${lastDay}` } };
}
