import { DateTime } from 'luxon';
import type { Tenant } from '../../config/tenant-types.ts';
import type { CurrentNotice } from './current.ts';
import type { When } from './dates.ts';
import { EntryMemo, entryKey } from './entry-memo.ts';
import { mapInSlices } from './in-slices.ts';
import { labelsFor } from './labels/index.ts';
import { cachedZone } from '../../time/cached-zone.ts';

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n?|\n/g, '\\n');
}

/** UTF-8 length of one code point, without a Buffer per character. */
function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 sequence. */
function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  let i = 0;
  while (i < line.length) {
    const codePoint = line.codePointAt(i) ?? 0;
    const size = utf8Length(codePoint);
    // The first line may hold 75 octets; a continuation line's leading space counts among them.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 0;
    }
    octets += size;
    i += codePoint > 0xffff ? 2 : 1;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

const utc = (instant: DateTime | Date): string =>
  (instant instanceof Date ? DateTime.fromJSDate(instant) : instant).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
const date = (day: DateTime): string => day.toFormat('yyyyMMdd');

/** DTSTART/DTEND: a timed instant in UTC, or a DATE; an all-day end is exclusive (the next day). */
function moment(name: 'DTSTART' | 'DTEND', when: When): string {
  if (!when.dateOnly) return `${name}:${utc(when.at)}`;
  return `${name};VALUE=DATE:${date(name === 'DTEND' ? when.at.plus({ days: 1 }) : when.at)}`;
}

function vevent(n: CurrentNotice, tenant: Tenant, host: string): string[] {
  const { notice, facts, url } = n;
  const { content } = notice;
  const lang = content.language;
  let summary = content.title;
  let span: [When, When | undefined] | undefined;
  let location: string | undefined;
  if (facts.type === 'meeting' || facts.type === 'event') {
    if (facts.start) span = [facts.start, facts.end];
    location = facts.place ?? (facts.type === 'meeting' ? facts.streamUrl : undefined);
  } else if (facts.type === 'plan' && facts.stage !== 'vedtak' && facts.commentDeadline) {
    // The comment period as an all-day span, from the day the notice goes public to the deadline.
    span = [{ at: DateTime.fromJSDate(notice.publishAt, { zone: cachedZone(tenant.timeZone) }).startOf('day'), dateOnly: true }, facts.commentDeadline];
    summary = `${labelsFor(lang).fields.hearingPeriod}: ${content.title}`;
  }
  if (span === undefined) return [];
  const [start, end] = span;
  return [
    'BEGIN:VEVENT',
    `UID:${notice.id}@${host}`,
    `DTSTAMP:${utc(n.publishedAt)}`,
    `SEQUENCE:${notice.version - 1}`,
    moment('DTSTART', start),
    ...(end ? [moment('DTEND', end)] : []),
    `SUMMARY;LANGUAGE=${lang}:${escapeText(summary)}`,
    `DESCRIPTION;LANGUAGE=${lang}:${escapeText(`${content.body}\n\n${url}`)}`,
    ...(location ? [`LOCATION;LANGUAGE=${lang}:${escapeText(location)}`] : []),
    `URL:${url}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
  ];
}

/** Each notice's VEVENT, its lines folded (none for a notice without a date span). */
const rendered = new EntryMemo<string[]>();

/**
 * `calendar.ics` (RFC 5545): a VEVENT for each current meeting and event, and for each plan notice's
 * comment period. Times are in UTC, so no VTIMEZONE is needed; lines end in CRLF and are folded.
 * In parts (one per line), for writeFileAtomic.
 */
export async function renderICalendar(tenant: Tenant, notices: readonly CurrentNotice[], baseUrl: string): Promise<string[]> {
  const host = new URL(baseUrl).hostname;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Herald//Website channel//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${tenant.name}: ${labelsFor(tenant.language).notices}`)}`,
  ].map(foldLine);
  const events = (await mapInSlices(notices, (n) => rendered.get(entryKey(tenant, n, baseUrl), () => vevent(n, tenant, host).map(foldLine)))).flat();
  return [...lines, ...events, 'END:VCALENDAR'].map((line) => `${line}\r\n`);
}
