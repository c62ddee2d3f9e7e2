import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor, notice, oslo, runCheck } from '../fixtures.ts';

function leadFailures(start: string, params: Record<string, unknown>, at = '2027-01-04T09:00') {
  const ctx = contextFor(notice({ fields: { start } }), { now: oslo(at), publication: oslo(at) });
  return runCheck('minLeadTime', { to: '/fields/start', ...params }, ctx);
}

test('14 days ahead passes; 13 fails, naming the latest day to have acted', () => {
  assert.deepEqual(leadFailures('2027-01-18T10:00', { from: 'now', days: 14 }), []);
  assert.deepEqual(leadFailures('2027-01-17T23:00', { from: 'now', days: 14 }), [{ path: '/fields/start', values: { actual: 13, latest: '2027-01-03' } }]);
});

test('7 days before a meeting, counted from the publication', () => {
  assert.deepEqual(leadFailures('2027-01-11T18:00', { from: 'publication', days: 7 }), []);
  assert.equal(leadFailures('2027-01-10T18:00', { from: 'publication', days: 7 }).length, 1);
});

test('minutes compare exact instants: a notice must go out before the meeting starts', () => {
  assert.deepEqual(leadFailures('2027-01-04T09:01', { from: 'publication', minutes: 1 }), []);
  assert.deepEqual(leadFailures('2027-01-04T09:00', { from: 'publication', minutes: 1 }), [
    { path: '/fields/start', values: { actual: 0, latest: '2027-01-04 08:59' } },
  ]);
  assert.equal(leadFailures('2027-01-04T08:00', { from: 'publication', minutes: 1 })[0]?.values?.actual, -60);
});

test('hours count elapsed time across the fall-back night (25 hours that day)', () => {
  // 2027-10-31 has 25 hours in Oslo: 00:00 to 24:00 local is 25 elapsed hours.
  assert.deepEqual(leadFailures('2027-11-01T00:00', { from: 'now', hours: 25 }, '2027-10-31T00:00'), []);
  assert.equal(leadFailures('2027-10-31T23:59', { from: 'now', hours: 25 }, '2027-10-31T00:00').length, 1);
});

test('working days before an event skip the Easter holidays', () => {
  // From Wednesday 24 March 2027 the next working days are 30 March, 31 March and 1 April.
  assert.deepEqual(leadFailures('2027-04-01T12:00', { from: 'now', days: 3, unit: 'working' }, '2027-03-24T09:00'), []);
  assert.deepEqual(leadFailures('2027-03-31T12:00', { from: 'now', days: 3, unit: 'working' }, '2027-03-24T09:00'), [
    { path: '/fields/start', values: { actual: 2, latest: '2027-03-23' } },
  ]);
});

test('a missing start is left to the schema', () => {
  const ctx = contextFor(notice({ fields: {} }));
  assert.deepEqual(runCheck('minLeadTime', { from: 'now', to: '/fields/start', days: 14 }, ctx), []);
});
