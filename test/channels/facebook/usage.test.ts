import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readUsage } from '../../../src/channels/facebook/usage.ts';

const headersOf = (values: Record<string, string>) => new Headers(values);

test('the highest percentage of the three headers, and the minutes until access returns', () => {
  const usage = readUsage(
    headersOf({
      'x-app-usage': '{"call_count":12,"total_cputime":3,"total_time":5}',
      'x-business-use-case-usage': '{"100064000000001":[{"type":"pages","call_count":97,"total_cputime":20,"total_time":31,"estimated_time_to_regain_access":14}]}',
      'x-page-usage': '{"call_count":40,"total_cputime":2,"total_time":2}',
    }),
  );
  assert.deepEqual(usage, { highestPercent: 97, regainAccessMinutes: 14 });
});

test('absent or unreadable headers say nothing (they never stop a post)', () => {
  assert.deepEqual(readUsage(headersOf({})), { highestPercent: null, regainAccessMinutes: null });
  assert.deepEqual(readUsage(headersOf({ 'x-app-usage': 'not json', 'x-business-use-case-usage': '[1,2]' })), { highestPercent: null, regainAccessMinutes: null });
});
