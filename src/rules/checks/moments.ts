import { parseLocalDateOrDateTime } from '../../time/local-time.ts';
import { dayNumber } from '../calendar.ts';
import { dayOfWall, instantOf, readDateTimeParts, wallTimeOf } from '../../time/local-instant.ts';
import { pointerSegments, valueAt } from '../pointer.ts';
import type { CheckContext } from '../types.ts';

/**
 * Where a period starts or ends: `now`, `publication`, or a date or date-time field such as
 * `/fields/commentDeadline`. An empty or unreadable field resolves to undefined: the fields schema
 * and the time checks report those, so a check does not report them twice.
 */
export type Moment = string;

// Pointers come from rule files, so there are few: split each once.
const segmentsByPointer = new Map<string, readonly string[]>();

function fieldValue(moment: Moment, ctx: CheckContext): string | undefined {
  let segments = segmentsByPointer.get(moment);
  if (!segments) {
    segments = pointerSegments(moment);
    segmentsByPointer.set(moment, segments);
  }
  const value = valueAt(ctx.notice, segments);
  return typeof value === 'string' ? value : undefined;
}

/** A date alone (`2031-03-01`) as the start of that day. */
function partsOf(value: string): ReturnType<typeof readDateTimeParts> {
  return readDateTimeParts(value.length === 10 ? `${value}T00:00` : value);
}

/** The instant (epoch ms) of a moment. */
export function resolveInstant(moment: Moment, ctx: CheckContext): number | undefined {
  if (moment === 'now') return ctx.now.toMillis();
  if (moment === 'publication') return ctx.publication.toMillis();
  const value = fieldValue(moment, ctx);
  const parts = value === undefined ? undefined : partsOf(value);
  if (value === undefined || !parts) return undefined;
  const instant = instantOf(parts, ctx.tenant.timeZone);
  if (instant !== undefined) return instant;
  // Near an offset change: the reference reading decides (and refuses gaps and overlaps).
  const parsed = parseLocalDateOrDateTime(value, ctx.tenant.timeZone);
  return parsed.ok ? parsed.value.toMillis() : undefined;
}

/** The local calendar day of a moment (see calendar.ts). A written wall time is its own day: no zone arithmetic. */
export function resolveDay(moment: Moment, ctx: CheckContext): number | undefined {
  if (moment === 'publication') return dayNumber(ctx.publication);
  if (moment === 'now') return dayOfWall(wallTimeOf(ctx.now.toMillis(), ctx.tenant.timeZone));
  const value = fieldValue(moment, ctx);
  const parts = value === undefined ? undefined : partsOf(value);
  if (!parts) return undefined;
  if (parts.offsetMinutes === undefined) return dayOfWall(parts.wallMs);
  return dayOfWall(wallTimeOf(parts.wallMs - parts.offsetMinutes * 60_000, ctx.tenant.timeZone));
}
