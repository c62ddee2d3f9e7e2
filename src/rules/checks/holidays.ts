import { dayOff, isoDate } from '../calendar.ts';
import type { CheckKindDefinition } from './kind.ts';
import { resolveDay } from './moments.ts';

export interface HolidaysParams {
  /** A date or date-time field, e.g. a deadline. */
  field: string;
}

/** A date that falls on a weekend or a Norwegian public holiday, when offices are closed. */
export const holidays: CheckKindDefinition = {
  values: ['date', 'dayNb', 'dayEn'],
  run(raw, ctx) {
    const params = raw as unknown as HolidaysParams;
    const day = resolveDay(params.field, ctx);
    if (day === undefined) return [];
    const off = dayOff(day);
    return off ? [{ path: params.field, values: { date: isoDate(day), dayNb: off.nb, dayEn: off.en } }] : [];
  },
};
