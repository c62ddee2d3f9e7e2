import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Tenant } from '../../../src/config/tenant-types.ts';
import { asnes, contextFor, notice, runCheck } from '../fixtures.ts';

const params = { channel: 'facebook', from: '07:00', to: '22:00' };
const noFacebookWindow: Tenant = { ...asnes, channels: { ...asnes.channels, facebook: undefined } };

function failures(publishAt: string | undefined, tenant: Tenant = noFacebookWindow, extra: Record<string, unknown> = {}) {
  return runCheck('publishingWindow', { ...params, ...extra }, contextFor(notice({ publishAt, channels: ['website', 'facebook'] }), { tenant }));
}

test('inside the local window passes; the window closes at its end', () => {
  assert.deepEqual(failures('2027-03-01T07:00'), []);
  assert.deepEqual(failures('2027-03-01T21:59'), []);
  assert.deepEqual(failures('2027-03-01T06:59'), [{ path: '/publishAt', values: { time: '06:59', opens: '07:00', closes: '22:00' } }]);
  assert.equal(failures('2027-03-01T22:00').length, 1);
});

test('a time with an offset is read in the tenant zone', () => {
  // 05:30 UTC is 06:30 in Oslo in winter.
  assert.equal(failures('2027-03-01T05:30Z')[0]?.values?.time, '06:30');
});

test("the tenant's own Facebook posting window, which the scheduler follows, wins", () => {
  const tenant: Tenant = { ...asnes, channels: { ...asnes.channels, facebook: { pageId: '1', postingWindow: { from: '09:00', to: '15:00' } } } };
  assert.equal(failures('2027-03-01T08:00', tenant).length, 1);
  assert.deepEqual(failures('2027-03-01T14:00', tenant), []);
});

test('a window may run past midnight', () => {
  const night = { from: '22:00', to: '06:00' };
  assert.deepEqual(failures('2027-03-01T23:30', noFacebookWindow, night), []);
  assert.deepEqual(failures('2027-03-01T05:00', noFacebookWindow, night), []);
  assert.equal(failures('2027-03-01T12:00', noFacebookWindow, night).length, 1);
});

test('no requested time, or not on that channel: nothing to move', () => {
  assert.deepEqual(failures(undefined), []);
  assert.deepEqual(runCheck('publishingWindow', params, contextFor(notice({ publishAt: '2027-03-01T03:00', channels: ['website'] }))), []);
});
