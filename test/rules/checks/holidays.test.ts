import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor, notice, runCheck } from '../fixtures.ts';

function failures(deadline: string) {
  return runCheck('holidays', { field: '/fields/deadline' }, contextFor(notice({ fields: { deadline } })));
}

test('weekends are named', () => {
  assert.deepEqual(failures('2027-03-06'), [{ path: '/fields/deadline', values: { date: '2027-03-06', dayNb: 'lørdag', dayEn: 'Saturday' } }]);
  assert.equal(failures('2027-03-07')[0]?.values?.dayEn, 'Sunday');
});

test('public holidays are named in both languages, both names where two fall on one day', () => {
  assert.deepEqual(failures('2027-05-17'), [
    { path: '/fields/deadline', values: { date: '2027-05-17', dayNb: 'Grunnlovsdagen / Andre pinsedag', dayEn: 'Constitution Day / Whit Monday' } },
  ]);
  assert.equal(failures('2027-03-29')[0]?.values?.dayNb, 'Andre påskedag');
  assert.equal(failures('2027-03-25T12:00')[0]?.values?.dayNb, 'Skjærtorsdag');
});

test('working days pass, and so do bank days that are not public holidays (Christmas Eve)', () => {
  assert.deepEqual(failures('2027-03-03'), []);
  assert.deepEqual(failures('2027-12-24'), []);
});
