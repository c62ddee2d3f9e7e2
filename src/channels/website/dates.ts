import { DateTime } from 'luxon';
import type { Language } from '../../notices/types.ts';
import { parseLocalDateOrDateTime } from '../../time/local-time.ts';
import { cachedZone } from '../../time/cached-zone.ts';
import { instantOf, readDateTimeParts } from '../../time/local-instant.ts';

/** A date or date-time field read in the tenant's zone; a date alone is the start of that day. */
export interface When {
  at: DateTime;
  dateOnly: boolean;
}

/**
 * The instant by local-instant.ts's reading, where it is sure (far from an offset change): luxon's
 * parse was the largest part of reading a page's facts. Undefined leaves the value to luxon.
 */
function quickInstant(value: string, dateOnly: boolean, zone: string): number | undefined {
  const parts = readDateTimeParts(dateOnly ? `${value}T00:00` : value);
  return parts && instantOf(parts, zone);
}

/** Reads a field value; intake has already rejected what does not parse, so a bad value is simply absent. */
export function readWhen(value: unknown, zone: string): When | undefined {
  if (typeof value !== 'string') return undefined;
  const dateOnly = value.length === 10;
  const instant = quickInstant(value, dateOnly, zone);
  if (instant !== undefined) return { at: DateTime.fromMillis(instant, { zone: cachedZone(zone) }), dateOnly };
  const parsed = parseLocalDateOrDateTime(value, cachedZone(zone));
  return parsed.ok ? { at: parsed.value, dateOnly } : undefined;
}

/** A deadline given as a date runs to the end of that day (23:59:59 local). */
export function deadlineInstant(when: When): DateTime {
  return when.dateOnly ? when.at.endOf('day').set({ millisecond: 0 }) : when.at;
}

const DATE = { dateStyle: 'full' } as const;
const DATE_TIME = { dateStyle: 'full', timeStyle: 'short' } as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Intl's formatter for a language, zone and style, made once. It is what luxon's toLocaleString
 * uses underneath; calling it directly spares the copy of the DateTime that setLocale makes each time.
 */
function formatter(lang: Language, zone: string, dateOnly: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${dateOnly ? 'date' : 'time'}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(lang, { ...(dateOnly ? DATE : DATE_TIME), timeZone: zone })));
  return found;
}

/** "tirsdag 5. mars 2030 kl. 13:30" in the reader's language and the tenant's zone. */
export function formatWhen(when: When, lang: Language): string {
  return formatter(lang, when.at.zone.name, when.dateOnly).format(when.at.toMillis());
}

/** A span as the language writes it ("5.–7. mars 2030", "kl. 18:00–20:00"); Intl picks the shared parts. */
export function formatSpan(start: When, end: When, lang: Language): string {
  return formatter(lang, start.at.zone.name, start.dateOnly && end.dateOnly).formatRange(start.at.toMillis(), end.at.toMillis());
}

/** The machine-readable value of a `<time datetime>`: a date, or a date-time with offset. */
export function machineWhen(when: When): string {
  const iso = when.dateOnly ? when.at.toISODate() : when.at.toISO({ suppressMilliseconds: true, suppressSeconds: true });
  return iso ?? '';
}

/** An instant in the tenant's zone as ISO 8601 with offset (JSON-LD, notices.json). */
export function isoLocal(instant: Date | DateTime, zone: string): string {
  const value = instant instanceof Date ? DateTime.fromJSDate(instant) : instant;
  return value.setZone(cachedZone(zone)).toISO({ suppressMilliseconds: true }) ?? '';
}
