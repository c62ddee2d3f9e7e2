import { DateTime, type Zone } from 'luxon';

/**
 * Why a wall-clock string could not become one instant:
 * - `invalid`: not an ISO 8601 date-time;
 * - `nonexistent`: inside the spring-forward gap of the zone (e.g. 02:30 on the last Sunday of March in Oslo);
 * - `ambiguous`: inside the fall-back overlap without an offset (02:30 on the last Sunday of October).
 */
export type LocalTimeProblem = 'invalid' | 'nonexistent' | 'ambiguous';

export type LocalTimeResult =
  | { ok: true; value: DateTime }
  | { ok: false; problem: LocalTimeProblem; candidates?: string[] };

const OFFSET_SUFFIX = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;

/**
 * Reads an ISO 8601 date-time: with an offset it is that instant; without one it is wall time in `zone`.
 * The result is expressed in `zone`.
 */
export function parseLocalDateTime(value: string, zone: string | Zone): LocalTimeResult {
  if (!DATE_TIME.test(value)) return { ok: false, problem: 'invalid' };
  if (OFFSET_SUFFIX.test(value)) {
    const instant = DateTime.fromISO(value, { setZone: true });
    return instant.isValid ? { ok: true, value: instant.setZone(zone) } : { ok: false, problem: 'invalid' };
  }
  const local = DateTime.fromISO(value, { zone });
  if (!local.isValid) return { ok: false, problem: 'invalid' };
  // luxon moves a time in the gap forward; the wall clock then differs from what was written.
  const written = DateTime.fromISO(value, { zone: 'UTC' });
  if (local.hour !== written.hour || local.minute !== written.minute || local.day !== written.day) {
    return { ok: false, problem: 'nonexistent' };
  }
  const offsets = local.getPossibleOffsets();
  if (offsets.length > 1) {
    return { ok: false, problem: 'ambiguous', candidates: offsets.map((o) => o.toISO()) };
  }
  return { ok: true, value: local };
}

/** Reads a calendar date `YYYY-MM-DD` as the start of that day in `zone`. */
export function parseLocalDate(value: string, zone: string | Zone): LocalTimeResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { ok: false, problem: 'invalid' };
  const day = DateTime.fromISO(value, { zone });
  return day.isValid ? { ok: true, value: day.startOf('day') } : { ok: false, problem: 'invalid' };
}

/** Reads either form: a date-only value is the start of that day. */
export function parseLocalDateOrDateTime(value: string, zone: string | Zone): LocalTimeResult {
  return value.length === 10 ? parseLocalDate(value, zone) : parseLocalDateTime(value, zone);
}
