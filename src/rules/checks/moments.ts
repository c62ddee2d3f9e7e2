import type { DateTime } from 'luxon';
import { parseLocalDateOrDateTime } from '../../time/local-time.ts';
import { pointerSegments, valueAt } from '../pointer.ts';
import type { CheckContext } from '../types.ts';

/** Where a period starts or ends: the clock, the publication, or a date field (`/fields/commentDeadline`). */
export type Moment = string;

/**
 * The moment in the tenant's zone, or undefined when the field is empty or unreadable:
 * the fields schema and the time checks report those, so a check does not report them twice.
 */
export function resolveMoment(moment: Moment, ctx: CheckContext): DateTime | undefined {
  if (moment === 'now') return ctx.now.setZone(ctx.tenant.timeZone);
  if (moment === 'publication') return ctx.publication;
  const value = valueAt(ctx.notice, pointerSegments(moment));
  if (typeof value !== 'string') return undefined;
  const parsed = parseLocalDateOrDateTime(value, ctx.tenant.timeZone);
  return parsed.ok ? parsed.value : undefined;
}
