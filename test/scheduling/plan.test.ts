import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planPublications, unservableChannels } from '../../src/scheduling/plan.ts';
import type { PlannedPublication } from '../../src/scheduling/types.ts';
import { at, newspaper, oslo, tenant } from './fixtures.ts';

/** A plan as readable strings in Oslo time. */
function readable(plan: PlannedPublication[]) {
  return plan.map((p) => ({ ...p, scheduledAt: oslo(p.scheduledAt), appearsAt: oslo(p.appearsAt) }));
}

const weekly = newspaper({ id: 'ukeavisa', issueWeekdays: [5], bookingDeadline: { workingDaysBefore: 3, time: '10:00' } });

await test('website without publishAt: now', () => {
  const plan = planPublications({ channels: ['website'], tenant: tenant(), now: at('2026-06-10T10:00+02:00') });
  assert.deepEqual(readable(plan), [
    { channel: 'website', target: null, scheduledAt: '2026-06-10T10:00:00+02:00', appearsAt: '2026-06-10T10:00:00+02:00' },
  ]);
});

await test('website at a future publishAt', () => {
  const plan = planPublications({
    channels: ['website'],
    tenant: tenant(),
    now: at('2026-06-10T10:00+02:00'),
    publishAt: at('2026-06-12T08:00+02:00'),
  });
  assert.equal(readable(plan)[0]?.scheduledAt, '2026-06-12T08:00:00+02:00');
});

await test('website never before now: a past publishAt means now', () => {
  const plan = planPublications({
    channels: ['website'],
    tenant: tenant(),
    now: at('2026-06-10T10:00+02:00'),
    publishAt: at('2026-06-01T08:00+02:00'),
  });
  assert.equal(readable(plan)[0]?.appearsAt, '2026-06-10T10:00:00+02:00');
});

await test('facebook is moved into the posting window; the website is not', () => {
  const plan = planPublications({ channels: ['website', 'facebook'], tenant: tenant(), now: at('2026-06-10T23:00+02:00') });
  assert.deepEqual(readable(plan), [
    { channel: 'website', target: null, scheduledAt: '2026-06-10T23:00:00+02:00', appearsAt: '2026-06-10T23:00:00+02:00' },
    { channel: 'facebook', target: null, scheduledAt: '2026-06-11T07:00:00+02:00', appearsAt: '2026-06-11T07:00:00+02:00' },
  ]);
});

await test('newspaper: acts at the booking deadline, appears on the issue day', () => {
  const plan = planPublications({ channels: ['newspaper'], tenant: tenant(), now: at('2026-06-09T11:59+02:00') });
  assert.deepEqual(readable(plan), [
    {
      channel: 'newspaper',
      target: 'lokalavisa',
      scheduledAt: '2026-06-09T12:00:00+02:00',
      appearsAt: '2026-06-11T00:00:00+02:00',
      issueDate: '2026-06-11',
    },
  ]);
});

await test('newspaper: a later publishAt decides which issue can be made', () => {
  const plan = planPublications({
    channels: ['newspaper'],
    tenant: tenant(),
    now: at('2026-06-08T09:00+02:00'),
    publishAt: at('2026-06-09T12:00+02:00'),
  });
  assert.equal(plan[0]?.issueDate, '2026-06-13');
});

await test('newspaper: one publication per newspaper of the tenant, in configuration order', () => {
  const plan = planPublications({
    channels: ['newspaper'],
    tenant: tenant({ newspapers: [newspaper(), weekly] }),
    now: at('2026-06-08T09:00+02:00'),
  });
  assert.deepEqual(
    plan.map((p) => [p.target, p.issueDate, oslo(p.scheduledAt)]),
    [
      ['lokalavisa', '2026-06-11', '2026-06-09T12:00:00+02:00'],
      ['ukeavisa', '2026-06-12', '2026-06-09T10:00:00+02:00'],
    ],
  );
});

await test('channels are planned once each, in the order asked', () => {
  const plan = planPublications({
    channels: ['facebook', 'newspaper', 'website', 'facebook'],
    tenant: tenant(),
    now: at('2026-06-08T09:00+02:00'),
  });
  assert.deepEqual(
    plan.map((p) => p.channel),
    ['facebook', 'newspaper', 'website'],
  );
});

await test('the clock may be given in any zone', () => {
  const now = at('2026-06-09T11:59+02:00');
  const request = { channels: ['website', 'facebook', 'newspaper'] as const, tenant: tenant() };
  assert.deepEqual(planPublications({ ...request, now: now.toUTC() }), planPublications({ ...request, now }));
});

await test('unservable channels are left out of the plan and named by unservableChannels', () => {
  const bare = tenant({ newspapers: [], facebook: undefined });
  const channels = ['website', 'newspaper', 'facebook'] as const;
  assert.deepEqual(
    planPublications({ channels, tenant: bare, now: at('2026-06-10T10:00+02:00') }).map((p) => p.channel),
    ['website'],
  );
  assert.deepEqual(unservableChannels(channels, bare), [
    { channel: 'newspaper', target: null, reason: 'not-configured' },
    { channel: 'facebook', target: null, reason: 'not-configured' },
  ]);
});

await test('a newspaper without issue days is left out and named; the others are planned', () => {
  const silent = newspaper({ id: 'stille', issueWeekdays: [] });
  const configured = tenant({ newspapers: [silent, newspaper()] });
  const plan = planPublications({ channels: ['newspaper'], tenant: configured, now: at('2026-06-08T09:00+02:00') });
  assert.deepEqual(
    plan.map((p) => p.target),
    ['lokalavisa'],
  );
  assert.deepEqual(unservableChannels(['newspaper'], configured), [
    { channel: 'newspaper', target: 'stille', reason: 'no-issue-weekdays' },
  ]);
});

await test('unservableChannels: nothing for a fully configured tenant, nothing for channels not asked for', () => {
  assert.deepEqual(unservableChannels(['website', 'newspaper', 'facebook'], tenant()), []);
  assert.deepEqual(unservableChannels(['website'], tenant({ newspapers: [], facebook: undefined })), []);
});

await test('a booking deadline beyond the search horizon is a configuration error', () => {
  const farAhead = tenant({ newspapers: [newspaper({ bookingDeadline: { workingDaysBefore: 60, time: '12:00' } })] });
  assert.throws(
    () => planPublications({ channels: ['newspaper'], tenant: farAhead, now: at('2026-06-08T09:00+02:00') }),
    RangeError,
  );
});
