import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planPublications } from '../../src/scheduling/plan.ts';
import { publicationMoment } from '../../src/scheduling/publication-moment.ts';
import { at, newspaper, oslo, tenant, ZONE } from './fixtures.ts';

// Tuesday 23:00: the website goes out now, Facebook at 07:00, the Tue/Thu/Sat paper on Saturday.
const now = at('2026-06-09T23:00+02:00');
const plan = planPublications({ channels: ['website', 'facebook', 'newspaper'], tenant: tenant(), now });

await test('measured from the last mandatory channel: the newspaper issue day', () => {
  const moment = publicationMoment(plan, ['website', 'newspaper'], ZONE);
  assert.equal(oslo(moment), '2026-06-13T00:00:00+02:00');
  assert.equal(moment.zoneName, ZONE);
});

await test('optional channels do not count', () => {
  assert.equal(oslo(publicationMoment(plan, ['website'], ZONE)), '2026-06-09T23:00:00+02:00');
});

await test('the latest of several newspapers counts', () => {
  const weekly = newspaper({ id: 'ukeavisa', issueWeekdays: [5], bookingDeadline: { workingDaysBefore: 3, time: '10:00' } });
  const twoPapers = planPublications({
    channels: ['website', 'newspaper'],
    tenant: tenant({ newspapers: [newspaper(), weekly] }),
    now,
  });
  assert.equal(oslo(publicationMoment(twoPapers, ['newspaper'], ZONE)), '2026-06-19T00:00:00+02:00');
});

await test('without a mandatory channel in the plan: the latest of all', () => {
  const noPaper = planPublications({ channels: ['website', 'facebook'], tenant: tenant(), now });
  assert.equal(oslo(publicationMoment(noPaper, ['newspaper'], ZONE)), '2026-06-10T07:00:00+02:00');
  assert.equal(oslo(publicationMoment(noPaper, [], ZONE)), '2026-06-10T07:00:00+02:00');
});

await test('an empty plan has no publication moment', () => {
  assert.throws(() => publicationMoment([], ['website'], ZONE), RangeError);
});
