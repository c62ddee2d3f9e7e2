import { IANAZone } from 'luxon';

/**
 * Local date-times read fast. src/time/local-time.ts is the reference (and is used wherever this
 * cannot be sure), but luxon asks Intl for every offset, which costs tens of microseconds per value.
 * Here offsets are cached per zone and hour, and a wall time is resolved with two cached lookups;
 * only near an offset change (two days a year in Oslo) does the caller fall back to the reference.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

export interface LocalDateTimeParts {
  /** The wall time read as if it were UTC: what the clock shows, as a number. */
  wallMs: number;
  /** The written offset in minutes, when there is one. */
  offsetMinutes?: number;
}

/** The parts of an ISO 8601 date-time, or undefined if it is not one or names a day or time that cannot be. */
export function readDateTimeParts(value: string): LocalDateTimeParts | undefined {
  const parts = DATE_TIME.exec(value);
  if (!parts) return undefined;
  const part = (i: number): number => Number(parts[i] ?? 0);
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const milliseconds = parts[7] === undefined ? 0 : Math.floor(Number(`0.${parts[7]}`) * 1000);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  // Date.UTC rolls 30 February over into March: a day that does not exist is not a date. It also
  // reads years 0–99 as 1900–1999: those are left to luxon.
  const written = new Date(wallMs);
  if (written.getUTCDate() !== day || written.getUTCMonth() !== month - 1 || written.getUTCFullYear() !== year) return undefined;
  const offset = parts[8];
  if (offset === undefined) return { wallMs };
  if (offset.toUpperCase() === 'Z') return { wallMs, offsetMinutes: 0 };
  const digits = offset.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5) || 0);
  if (hours > 23 || minutes > 59) return undefined;
  return { wallMs, offsetMinutes: (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) };
}

const offsetCaches = new Map<string, Map<number, number>>();
// Plenty for the dates notices name; a full cache is simply started again.
const MAX_CACHED_HOURS = 100_000;

/** The zone's UTC offset in minutes at an instant, cached per hour when the hour has a single offset. */
export function offsetAt(zone: string, epochMs: number): number {
  let cache = offsetCaches.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(zone, cache);
  }
  const hour = Math.floor(epochMs / MS_PER_HOUR);
  const cached = cache.get(hour);
  if (cached !== undefined) return cached;
  const iana = IANAZone.create(zone);
  const atStart = iana.offset(hour * MS_PER_HOUR);
  if (atStart !== iana.offset((hour + 1) * MS_PER_HOUR - 1)) return iana.offset(epochMs);
  if (cache.size >= MAX_CACHED_HOURS) cache.clear();
  cache.set(hour, atStart);
  return atStart;
}

/**
 * The instant of a date-time in `zone` (epoch ms), or undefined when this cannot be sure: a wall time
 * within a day of an offset change, where it may not exist or may exist twice. Then ask local-time.ts.
 */
export function instantOf(parts: LocalDateTimeParts, zone: string): number | undefined {
  if (parts.offsetMinutes !== undefined) return parts.wallMs - parts.offsetMinutes * MS_PER_MINUTE;
  const before = offsetAt(zone, parts.wallMs - MS_PER_DAY);
  const after = offsetAt(zone, parts.wallMs + MS_PER_DAY);
  return before === after ? parts.wallMs - before * MS_PER_MINUTE : undefined;
}

/** The wall time (as in `LocalDateTimeParts.wallMs`) of an instant in `zone`. */
export function wallTimeOf(epochMs: number, zone: string): number {
  return epochMs + offsetAt(zone, epochMs) * MS_PER_MINUTE;
}

/** The local calendar day (days since 1970-01-01, as in calendar.ts) of a wall time. */
export function dayOfWall(wallMs: number): number {
  return Math.floor(wallMs / MS_PER_DAY);
}

/** An instant as ISO 8601 local time with its offset in `zone` (luxon's `toISO()`, without luxon's cost). */
export function localIso(date: Date, zone: string): string {
  const offset = offsetAt(zone, date.getTime());
  const wall = new Date(date.getTime() + offset * MS_PER_MINUTE).toISOString().slice(0, -1);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
