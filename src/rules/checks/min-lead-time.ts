import { dayNumber } from '../calendar.ts';
import { dateAfter, daysBetween, type DayUnit } from './days.ts';
import type { CheckKindDefinition } from './kind.ts';
import { resolveMoment } from './moments.ts';

/** Exactly one of `days`, `hours`, `minutes` (the meta-schema sees to it). */
export interface MinLeadTimeParams {
  from: 'now' | 'publication';
  /** A date or date-time field: what is announced (a meeting, an event). */
  to: string;
  days?: number;
  hours?: number;
  minutes?: number;
  unit?: DayUnit;
}

/**
 * How far ahead something is announced. Days count local calendar (or working) dates, as the law
 * does; hours and minutes count the exact time between the two instants.
 */
export const minLeadTime: CheckKindDefinition = {
  values: ['actual', 'latest'],
  run(raw, ctx) {
    const params = raw as unknown as MinLeadTimeParams;
    const from = resolveMoment(params.from, ctx);
    const to = resolveMoment(params.to, ctx);
    if (!from || !to) return [];
    if (params.days !== undefined) {
      const unit = params.unit ?? 'calendar';
      const actual = daysBetween(dayNumber(from), dayNumber(to), unit);
      if (actual >= params.days) return [];
      return [{ path: params.to, values: { actual, latest: dateAfter(dayNumber(to), -params.days, unit) } }];
    }
    const [unit, amount] = params.hours !== undefined ? (['hours', params.hours] as const) : (['minutes', params.minutes ?? 0] as const);
    const actual = to.diff(from, unit).as(unit);
    if (actual >= amount) return [];
    return [{ path: params.to, values: { actual: Math.floor(actual), latest: to.minus({ [unit]: amount }).toFormat('yyyy-MM-dd HH:mm') } }];
  },
};
