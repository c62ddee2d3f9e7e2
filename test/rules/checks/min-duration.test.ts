import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor, notice, oslo, runCheck } from '../fixtures.ts';

const params = { from: 'publication', to: '/fields/deadline', days: 42 };

function failures(deadline: unknown, publication = '2027-01-04T10:00', extra: Record<string, unknown> = {}) {
  const ctx = contextFor(notice({ fields: { deadline } }), { publication: oslo(publication) });
  return runCheck('minDuration', { ...params, ...extra }, ctx);
}

test('42 calendar days between local dates pass; 41 fail, naming the earliest lawful date', () => {
  assert.deepEqual(failures('2027-02-15'), []);
  assert.deepEqual(failures('2027-02-14'), [{ path: '/fields/deadline', values: { actual: 41, earliest: '2027-02-15', deadline: '2027-02-14' } }]);
});

test('days count calendar dates, not hours: a late-evening publication still counts its own date', () => {
  assert.deepEqual(failures('2027-02-15', '2027-01-04T23:59'), []);
  assert.deepEqual(failures('2027-02-15T00:30', '2027-01-04T23:59'), []);
});

test('a period across the spring-forward night is still counted in whole days', () => {
  assert.deepEqual(failures('2027-04-12', '2027-03-01T12:00'), []);
  assert.equal(failures('2027-04-11', '2027-03-01T12:00').length, 1);
});

test('working days skip weekends and public holidays: Easter', () => {
  // Wednesday before Easter 2027; Thursday 25 March to Monday 29 March are holidays or weekend.
  const working = { days: 5, unit: 'working' };
  assert.deepEqual(failures('2027-04-05', '2027-03-24T10:00', working), []);
  assert.deepEqual(failures('2027-04-02', '2027-03-24T10:00', working), [
    { path: '/fields/deadline', values: { actual: 4, earliest: '2027-04-05', deadline: '2027-04-02' } },
  ]);
});

test('working days skip 17 May (Constitution Day, in 2027 also Whit Monday)', () => {
  const working = { days: 1, unit: 'working' };
  assert.equal(failures('2027-05-17', '2027-05-14T10:00', working).length, 1);
  assert.deepEqual(failures('2027-05-18', '2027-05-14T10:00', working), []);
});

test('an empty or unreadable field is left to the schema and requiredFields', () => {
  assert.deepEqual(failures(undefined), []);
  assert.deepEqual(failures('15.02.2027'), []);
});

test('the period can start at now or at a date field', () => {
  const ctx = contextFor(notice({ fields: { opens: '2027-03-01', deadline: '2027-03-15' } }), { now: oslo('2027-03-02T08:00') });
  assert.equal(runCheck('minDuration', { from: '/fields/opens', to: '/fields/deadline', days: 14 }, ctx).length, 0);
  assert.equal(runCheck('minDuration', { from: 'now', to: '/fields/deadline', days: 14 }, ctx).length, 1);
});
