import { isoDate } from '../calendar.ts';
import { dateAfter, daysBetween, type DayUnit } from './days.ts';
import type { CheckKindDefinition } from './kind.ts';
import { resolveDay, type Moment } from './moments.ts';

export interface MinDurationParams {
  from: Moment;
  /** A date field: the deadline. */
  to: string;
  days: number;
  unit?: DayUnit;
}

/** A period the public gets (comments, applications): at least `days` between two local dates. */
export const minDuration: CheckKindDefinition = {
  values: ['actual', 'earliest', 'deadline'],
  run(raw, ctx) {
    const params = raw as unknown as MinDurationParams;
    const start = resolveDay(params.from, ctx);
    const end = resolveDay(params.to, ctx);
    if (start === undefined || end === undefined) return [];
    const unit = params.unit ?? 'calendar';
    const actual = daysBetween(start, end, unit);
    if (actual >= params.days) return [];
    return [{ path: params.to, values: { actual, earliest: dateAfter(start, params.days, unit), deadline: isoDate(end) } }];
  },
};
