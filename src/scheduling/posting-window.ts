import { DateTime } from 'luxon';
import { minuteOfDay, parseClockTime, wallClockInstants } from './wall-clock.ts';

/** A daily local wall-clock window, e.g. `{ from: '07:00', to: '22:00' }`. */
export interface DailyWindow {
  from: string;
  to: string;
}

/**
 * The first moment at or after `instant` inside the daily `window` in `zone`.
 * The window is half-open, [from, to): at exactly `to` it has closed. A window with `from` after `to`
 * runs over midnight; equal bounds mean open all day. If the opening time does not exist that day
 * (spring-forward gap), the result is the valid instant luxon shifts it to (02:30 → 03:30 in Oslo).
 */
export function moveIntoWindow(instant: DateTime, window: DailyWindow, zone: string): DateTime {
  const opens = parseClockTime(window.from);
  const from = minuteOfDay(opens);
  const to = minuteOfDay(parseClockTime(window.to));
  const local = instant.setZone(zone);
  const minute = local.hour * 60 + local.minute;
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (inside) return local;
  // Outside, the next opening is today unless today's has passed (possible only for a same-day window).
  // Only the date is needed, and calendar steps in UTC avoid zone lookups.
  const today = DateTime.utc(local.year, local.month, local.day);
  const openingDay = from < to && minute >= to ? today.plus({ days: 1 }) : today;
  // On a fall-back day the opening time occurs twice; take the first one not before the instant.
  const { earliest, latest } = wallClockInstants(openingDay, opens, zone);
  return earliest.toMillis() >= local.toMillis() ? earliest : latest;
}
