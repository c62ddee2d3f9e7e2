import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor, notice, runCheck } from '../fixtures.ts';

const params = { channel: 'facebook', max: 63206 };
// The text goes out as title, blank line, body: 'Tittel' + 2 characters.
const framing = 'Tittel'.length + 2;

function failures(bodyLength: number, channels: ('website' | 'facebook')[] = ['website', 'facebook'], body = 'x'.repeat(bodyLength)) {
  return runCheck('channelLength', params, contextFor(notice({ title: 'Tittel', body, channels })));
}

test('63 206 characters pass; 63 207 fail, saying by how much', () => {
  assert.deepEqual(failures(63206 - framing), []);
  assert.deepEqual(failures(63207 - framing), [{ path: '/body', values: { length: 63207, over: 1 } }]);
});

test('only applies when the notice goes out on that channel', () => {
  assert.deepEqual(failures(70000, ['website']), []);
});

test('an emoji counts as one character', () => {
  const body = `${'x'.repeat(63206 - framing - 1)}🎉`;
  assert.deepEqual(failures(0, ['facebook'], body), []);
});
