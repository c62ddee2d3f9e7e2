import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor, notice, runCheck } from '../fixtures.ts';

const params = { fields: ['/fields/documentsUrl', '/fields/alternativeDrafts', '/fields/contact/email', '/fields/agenda'] };

test('missing, blank and empty fields are named; false is an answer', () => {
  const ctx = contextFor(notice({ fields: { documentsUrl: '  ', alternativeDrafts: false, contact: {}, agenda: [] } }));
  assert.deepEqual(runCheck('requiredFields', params, ctx), [
    { path: '/fields/documentsUrl', values: { field: 'documentsUrl' } },
    { path: '/fields/contact/email', values: { field: 'email' } },
    { path: '/fields/agenda', values: { field: 'agenda' } },
  ]);
});

test('all filled in passes', () => {
  const fields = { documentsUrl: 'https://example.org', alternativeDrafts: true, contact: { email: 'a@example.org' }, agenda: ['Sak 1'] };
  assert.deepEqual(runCheck('requiredFields', params, contextFor(notice({ fields }))), []);
});
