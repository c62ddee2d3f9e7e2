import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import ICAL from 'ical.js';
import type { NoticeSnapshot } from '../../../src/channels/types.ts';
import { rebuildIndexes } from '../../../src/channels/website/index.ts';
import { BASE_URL, listed, snapshot, tempWebRoot, tenant } from './fixtures.ts';

const NOW = new Date('2030-03-05T12:00:00Z');

async function calendarFor(notices: NoticeSnapshot[], now = NOW): Promise<{ text: string; events: Map<string, ICAL.Event> }> {
  const root = await tempWebRoot();
  await rebuildIndexes(root, tenant(), notices.map((n) => listed(n)), now);
  const text = await readFile(join(root, 'asnes', 'calendar.ics'), 'utf8');
  const calendar = ICAL.Component.fromString(text);
  assert.equal(calendar.name, 'vcalendar');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  const events = new Map(calendar.getAllSubcomponents('vevent').map((c) => [c.getFirstPropertyValue('uid') as string, new ICAL.Event(c)]));
  return { text, events };
}

test('meetings and events are VEVENTs in UTC with summary, location, URL, UID and DTSTAMP', async () => {
  const meeting = snapshot('meeting');
  const event = snapshot('event');
  const { events } = await calendarFor([meeting, event, snapshot('vacancy'), snapshot('announcement')]);
  assert.equal(events.size, 2, 'vacancies and announcements are not calendar events');
  const m = events.get(`${meeting.id}@www.asnes.kommune.no`);
  assert.ok(m);
  assert.equal(m.summary, meeting.content.title);
  assert.equal(m.startDate.toJSDate().toISOString(), '2030-09-19T16:00:00.000Z');
  assert.equal(m.endDate.toJSDate().toISOString(), '2030-09-19T19:00:00.000Z');
  assert.equal(m.location, 'Kommunestyresalen, Åsnes rådhus, Rådhusvegen 6, Flisa');
  assert.equal(m.description, `${meeting.content.body}\n\n${BASE_URL}notices/${meeting.id}.html`);
  assert.equal(m.component.getFirstPropertyValue('url'), `${BASE_URL}notices/${meeting.id}.html`);
  assert.ok(m.component.getFirstProperty('dtstamp'), 'DTSTAMP is required');
  const e = events.get(`${event.id}@www.asnes.kommune.no`);
  assert.equal(e?.startDate.toJSDate().toISOString(), '2030-08-03T10:00:00.000Z');
});

test("a plan notice's comment period is an all-day span from publication to the deadline", async () => {
  const plan = snapshot('plan-ettersyn', '2030-09-12T08:00:00Z');
  const { events } = await calendarFor([plan, snapshot('plan-vedtak')], new Date('2030-09-13T12:00:00Z'));
  assert.equal(events.size, 1, 'an adopted plan has no comment period');
  const hearing = events.get(`${plan.id}@www.asnes.kommune.no`);
  assert.ok(hearing);
  assert.equal(hearing.startDate.isDate, true);
  assert.equal(hearing.startDate.toString(), '2030-09-12');
  // DTEND of an all-day span is exclusive: the deadline day is the last day of the period.
  assert.equal(hearing.endDate.toString(), '2031-03-04');
  assert.equal(hearing.summary, `Høringsperiode: ${plan.content.title}`);
});

test('commas, semicolons, backslashes and newlines survive as text', async () => {
  const tricky = 'Møte; sak 1, sak 2 \\ vedlegg\nny linje';
  const meeting = snapshot('meeting', undefined, (c) => {
    c.title = tricky;
    c.fields.place = 'Rådhuset, sal A; 2. etasje';
  });
  const { text, events } = await calendarFor([meeting]);
  assert.match(text, /SUMMARY;LANGUAGE=nb:Møte\\; sak 1\\, sak 2 \\\\ vedlegg\\nny linje/);
  const [parsed] = [...events.values()];
  assert.equal(parsed?.summary, tricky);
  assert.equal(parsed.location, 'Rådhuset, sal A; 2. etasje');
});

test('lines end in CRLF and are folded at 75 octets without splitting a character', async () => {
  const meeting = snapshot('meeting', undefined, (c) => {
    c.title = 'Čoahkkin '.repeat(40) + 'æøå'.repeat(30) + '🎉'.repeat(30);
  });
  const { text, events } = await calendarFor([meeting]);
  assert.ok(text.endsWith('\r\n'));
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
  const lines = text.split('\r\n').slice(0, -1);
  for (const line of lines) assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
  assert.ok(lines.some((l) => l.startsWith(' ')), 'long lines were folded');
  assert.equal([...events.values()][0]?.summary, meeting.content.title);
});

test('an empty calendar is still a valid VCALENDAR', async () => {
  const { text, events } = await calendarFor([]);
  assert.equal(events.size, 0);
  assert.match(text, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:/);
});
