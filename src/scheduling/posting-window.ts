import type { DateTime } from 'luxon';
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
 * (spring-forward gap), the result is luxon's shifted instant, which is still inside the window.
 */
export function moveIntoWindow(instant: DateTime, window: DailyWindow, zone: string): DateTime {
  const opens = parseClockTime(window.from);
  const from = minuteOfDay(opens);
  const to = minuteOfDay(parseClockTime(window.to));
  const local = instant.setZone(zone);
  const now = local.hour * 60 + local.minute;
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (inside) return local;
  // Outside, the next opening is today unless today's has passed (possible only for a same-day window).
  const openingDay = from < to && now >= to ? local.plus({ days: 1 }) : local;
  // On a fall-back day the opening time occurs twice; take the first one not before the instant.
  const { earliest, latest } = wallClockInstants(openingDay, opens, zone);
  return earliest.toMillis() >= local.toMillis() ? earliest : latest;
}
