import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LISTED_CODES, lookupGraphError, type GraphErrorKind } from '../../../src/channels/facebook/index.ts';

// One table decides by code and subcode (never by the message): every class the issue names.

const expected: [code: number, kind: GraphErrorKind][] = [
  [4, 'rate-limit'],
  [17, 'rate-limit'],
  [32, 'rate-limit'],
  [341, 'rate-limit'],
  [613, 'rate-limit'],
  [80001, 'rate-limit'],
  [80004, 'rate-limit'],
  [190, 'token'],
  [102, 'token'],
  [10, 'permission'],
  [200, 'permission'],
  [230, 'permission'],
  [299, 'permission'],
  [100, 'bad-request'],
  [1609005, 'bad-request'],
  [368, 'policy-block'],
  [506, 'duplicate'],
  [1, 'outcome-unknown'],
  [2, 'outcome-unknown'],
];

test('each code falls in its class whatever the HTTP status', () => {
  for (const [code, kind] of expected) {
    for (const status of [400, 403, 500]) assert.equal(lookupGraphError(code, undefined, status).kind, kind, `code ${code} at ${status}`);
  }
});

test('a code the table does not list: a 5xx may have acted (look first), a 4xx is a refusal in Facebook words', () => {
  assert.equal(lookupGraphError(9007, undefined, 503).kind, 'outcome-unknown');
  assert.equal(lookupGraphError(9007, undefined, 400).kind, 'refused');
});

test('every entry says what to do in Norwegian and English; subcodes of 190 say why', () => {
  for (const code of LISTED_CODES) {
    const entry = lookupGraphError(code, undefined, 400);
    assert.ok(entry.what.nb.length > 20 && entry.what.en.length > 20, `code ${code}`);
    assert.ok(!/unknown error/i.test(entry.what.en), `code ${code} says "unknown error"`);
  }
  assert.match(lookupGraphError(190, 460, 400).what.en, /password/);
  assert.match(lookupGraphError(190, 463, 400).what.en, /expired/);
  assert.equal(lookupGraphError(190, 460, 400).kind, 'token');
});
