import { DateTime } from 'luxon';
import { dateAfter, daysBetween, type DayUnit } from './days.ts';
import type { CheckKindDefinition } from './kind.ts';
import { resolveDay, resolveInstant } from './moments.ts';

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

const MS_PER = { hours: 3_600_000, minutes: 60_000 } as const;

/**
 * How far ahead something is announced. Days count local calendar (or working) dates, as the law
 * does; hours and minutes count the exact time between the two instants.
 */
export const minLeadTime: CheckKindDefinition = {
  values: ['actual', 'latest'],
  run(raw, ctx) {
    const params = raw as unknown as MinLeadTimeParams;
    if (params.days !== undefined) {
      const from = resolveDay(params.from, ctx);
      const to = resolveDay(params.to, ctx);
      if (from === undefined || to === undefined) return [];
      const unit = params.unit ?? 'calendar';
      const actual = daysBetween(from, to, unit);
      if (actual >= params.days) return [];
      return [{ path: params.to, values: { actual, latest: dateAfter(to, -params.days, unit) } }];
    }
    const from = resolveInstant(params.from, ctx);
    const to = resolveInstant(params.to, ctx);
    if (from === undefined || to === undefined) return [];
    const [unit, amount] = params.hours !== undefined ? (['hours', params.hours] as const) : (['minutes', params.minutes ?? 0] as const);
    const actual = (to - from) / MS_PER[unit];
    if (actual >= amount) return [];
    const latest = DateTime.fromMillis(to - amount * MS_PER[unit], { zone: ctx.tenant.timeZone }).toFormat('yyyy-MM-dd HH:mm');
    return [{ path: params.to, values: { actual: Math.floor(actual), latest } }];
  },
};
