import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Tenant } from '../../../src/config/tenant-types.ts';
import type { ChannelName } from '../../../src/notices/types.ts';
import { asnes, contextFor, notice, planAt, runCheck } from '../fixtures.ts';

const notGenerallyRead: Tenant = {
  ...asnes,
  channels: { ...asnes.channels, newspapers: asnes.channels.newspapers.map((paper) => ({ ...paper, generallyRead: false })) },
};

function failures(params: Record<string, unknown>, channels: ChannelName[], tenant: Tenant = asnes, planned = true) {
  const n = notice({ channels });
  const ctx = contextFor(n, { tenant, ...(planned ? {} : { plan: [] }) });
  return runCheck('channelRequired', params, ctx);
}

test('each missing channel is named', () => {
  assert.deepEqual(failures({ channels: ['newspaper', 'website'] }, ['facebook']), [
    { path: '/channels', values: { channel: 'newspaper', trigger: '' } },
    { path: '/channels', values: { channel: 'website', trigger: '' } },
  ]);
  assert.deepEqual(failures({ channels: ['newspaper', 'website'] }, ['website', 'newspaper']), []);
});

test('ifAnyOf: a website counterpart is required only for Facebook or newspaper items', () => {
  const params = { channels: ['website'], ifAnyOf: ['facebook', 'newspaper'] };
  assert.deepEqual(failures(params, ['facebook', 'newspaper']), [{ path: '/channels', values: { channel: 'website', trigger: 'facebook, newspaper' } }]);
  assert.deepEqual(failures(params, ['website', 'facebook']), []);
  assert.deepEqual(runCheck('channelRequired', params, contextFor(notice({ channels: [] }))), []);
});

test('generallyRead: the planned newspaper must be "alminnelig lest på stedet"', () => {
  const params = { channels: ['newspaper'], generallyRead: true };
  assert.deepEqual(failures(params, ['website', 'newspaper']), []);
  assert.equal(failures(params, ['website', 'newspaper'], notGenerallyRead).length, 1);
});

test('before anything is planned, the channel and the tenant’s newspapers decide', () => {
  const params = { channels: ['newspaper'], generallyRead: true };
  assert.deepEqual(failures(params, ['website', 'newspaper'], asnes, false), []);
  assert.equal(failures(params, ['website', 'newspaper'], notGenerallyRead, false).length, 1);
  assert.equal(failures(params, ['website'], asnes, false).length, 1);
});

test('planned publications count even when the notice names no channels', () => {
  const n = notice({ channels: undefined });
  const ctx = contextFor(n, { plan: planAt(['website', 'newspaper'], contextFor(n).now) });
  assert.deepEqual(runCheck('channelRequired', { channels: ['website', 'newspaper'], generallyRead: true }, ctx), []);
});
