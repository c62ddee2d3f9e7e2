import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NoticeSnapshot } from '../../../src/channels/types.ts';
import { renderNoticePage } from '../../../src/channels/website/page.ts';
import { BASE_URL, snapshot, structuredData, tenant } from './fixtures.ts';

function dataOf(notice: NoticeSnapshot): Record<string, unknown> {
  return structuredData(renderNoticePage(notice, tenant(), { page: `${BASE_URL}notices/${notice.id}.html`, base: BASE_URL }));
}

test('a vacancy is a JobPosting with deadline, employer, place and employment type', () => {
  const notice = snapshot('vacancy', '2030-04-01T08:00:00Z');
  const data = dataOf(notice);
  assert.equal(data['@context'], 'https://schema.org');
  assert.equal(data['@type'], 'JobPosting');
  assert.equal(data.title, 'Sykepleier');
  assert.equal(data.description, notice.content.body);
  assert.equal(data.datePosted, '2030-04-01T10:00:00+02:00');
  // The application deadline is a date: the posting is valid through the end of that day, local time.
  assert.equal(data.validThrough, '2030-05-06T23:59:59+02:00');
  assert.deepEqual(data.hiringOrganization, {
    '@type': 'GovernmentOrganization',
    name: 'Åsnes kommune',
    identifier: { '@type': 'PropertyValue', propertyID: 'Enhetsregisteret', name: 'Organisasjonsnummer', value: '964947007' },
    url: BASE_URL,
  });
  assert.deepEqual(data.jobLocation, { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Flisa', addressCountry: 'NO' } });
  assert.deepEqual(data.employmentType, ['FULL_TIME']);
  assert.equal(data.url, `${BASE_URL}notices/${notice.id}.html`);
});

test('a part-time temporary post; without a workplace the municipality is the locality', () => {
  const data = dataOf(
    snapshot('vacancy', undefined, (c) => {
      c.fields.positionPercent = 60;
      c.fields.employment = 'vikariat';
      delete c.fields.workplace;
    }),
  );
  assert.deepEqual(data.employmentType, ['PART_TIME', 'TEMPORARY']);
  assert.deepEqual(data.jobLocation, { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Åsnes kommune', addressCountry: 'NO' } });
});

test('a meeting is an Event with start, end, place and stream, organised by its organ', () => {
  const data = dataOf(snapshot('meeting'));
  assert.equal(data['@type'], 'Event');
  assert.equal(data.name, 'Møte i kommunestyret torsdag 19. september 2030');
  assert.equal(data.startDate, '2030-09-19T18:00:00+02:00');
  assert.equal(data.endDate, '2030-09-19T21:00:00+02:00');
  assert.deepEqual(data.location, [
    { '@type': 'Place', name: 'Kommunestyresalen, Åsnes rådhus, Rådhusvegen 6, Flisa', address: 'Kommunestyresalen, Åsnes rådhus, Rådhusvegen 6, Flisa' },
    { '@type': 'VirtualLocation', url: 'https://www.asnes.kommune.no/politikk/direkte' },
  ]);
  assert.equal(data.eventAttendanceMode, 'https://schema.org/MixedEventAttendanceMode');
  assert.equal(data.eventStatus, 'https://schema.org/EventScheduled');
  const organizer = data.organizer as Record<string, unknown>;
  assert.equal(organizer.name, 'Kommunestyret');
  assert.equal((organizer.parentOrganization as Record<string, unknown>).name, 'Åsnes kommune');
});

test('an event is an Event held in person, organised by its organiser; no end means no endDate', () => {
  const data = dataOf(snapshot('event', undefined, (c) => delete c.fields.end));
  assert.equal(data['@type'], 'Event');
  assert.equal(data.startDate, '2030-08-03T12:00:00+02:00');
  assert.equal('endDate' in data, false);
  assert.deepEqual(data.location, { '@type': 'Place', name: 'Flisa torg, Åsnes', address: 'Flisa torg, Åsnes' });
  assert.equal(data.eventAttendanceMode, 'https://schema.org/OfflineEventAttendanceMode');
  assert.deepEqual(data.organizer, { '@type': 'Organization', name: 'Åsnes kommune, kulturkontoret, i samarbeid med Finnskogdagene' });
});

test('plans and announcements carry no JSON-LD', () => {
  for (const name of ['plan-ettersyn', 'announcement'] as const) {
    const notice = snapshot(name);
    const page = renderNoticePage(notice, tenant(), { page: `${BASE_URL}x.html`, base: BASE_URL });
    assert.doesNotMatch(page, /<script/, name);
  }
});

test('</script> and <!-- in user text cannot leave the JSON-LD block', () => {
  const notice = snapshot('vacancy', undefined, (c) => {
    c.fields.position = '</script><script>alert(1)</script><!--';
    c.body = 'a & b > c \u2028 d';
  });
  const page = renderNoticePage(notice, tenant(), { page: `${BASE_URL}x.html`, base: BASE_URL });
  const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
  assert.doesNotMatch(block, /[<>&\u2028]/);
  assert.match(block, /\\u003c\/script\\u003e/);
  const data = structuredData(page);
  assert.equal(data.title, '</script><script>alert(1)</script><!--');
  assert.equal(data.description, 'a & b > c \u2028 d');
});
