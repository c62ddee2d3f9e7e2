import { DateTime } from 'luxon';

export interface ClockTime {
  hour: number;
  minute: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Reads a wall-clock time `HH:mm` (00:00–23:59). */
export function parseClockTime(value: string): ClockTime {
  const match = HH_MM.exec(value);
  if (!match) throw new RangeError(`not a wall-clock time HH:mm: ${JSON.stringify(value)}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Minutes since local midnight, by the wall clock. */
export function minuteOfDay(time: ClockTime): number {
  return time.hour * 60 + time.minute;
}

export interface WallClockInstants {
  earliest: DateTime;
  latest: DateTime;
}

// The same opening or deadline time is resolved day after day by request after request, and each
// resolution costs several zone lookups. Bounded, and the DateTimes are immutable, so sharing is safe.
const resolved = new Map<string, WallClockInstants>();
const MAX_RESOLVED = 10_000;

/**
 * The instants at which the wall clock in `zone` shows `time` on the calendar date of `date`. They are the
 * same instant except in a fall-back overlap. In a spring-forward gap the time does not exist and both are
 * the instant luxon moves it to (later by the length of the gap, e.g. 02:30 → 03:30 in Oslo).
 */
export function wallClockInstants(date: DateTime, time: ClockTime, zone: string): WallClockInstants {
  const key = `${zone}|${date.year}-${date.month}-${date.day}|${time.hour}:${time.minute}`;
  let instants = resolved.get(key);
  if (!instants) {
    if (resolved.size >= MAX_RESOLVED) resolved.clear();
    resolved.set(key, (instants = resolve(date, time, zone)));
  }
  return instants;
}

function resolve(date: DateTime, time: ClockTime, zone: string): WallClockInstants {
  const local = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute },
    { zone },
  );
  // luxon resolves an ambiguous wall time by guessing from the current offset, so ask for every reading.
  let earliest = local;
  let latest = local;
  for (const reading of local.getPossibleOffsets()) {
    if (reading.toMillis() < earliest.toMillis()) earliest = reading;
    if (reading.toMillis() > latest.toMillis()) latest = reading;
  }
  return { earliest, latest };
}
