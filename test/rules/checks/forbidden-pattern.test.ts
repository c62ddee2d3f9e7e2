import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor, notice, runCheck } from '../fixtures.ts';

test('patterns match ignoring case, with Unicode classes, each match reported where it is', () => {
  const params = { patterns: ['(?<!\\p{L})under\\s+[0-9]{2}\\s*år(?!\\p{L})'] };
  const ctx = contextFor(notice({ body: 'Du er UNDER 45 år.', fields: { note: 'under 30 år' } }));
  assert.deepEqual(runCheck('forbiddenPattern', params, ctx), [
    { path: '/body', values: { match: 'UNDER 45 år' } },
    { path: '/fields/note', values: { match: 'under 30 år' } },
  ]);
  assert.deepEqual(runCheck('forbiddenPattern', params, contextFor(notice({ body: 'under 45 års erfaring' }))), []);
});

test('the national-id detector finds fødselsnummer anywhere in the text, masked in the finding', () => {
  const ctx = contextFor(
    notice({
      body: 'Kontakt 62 95 40 00.',
      fields: { agenda: [{ title: 'Klage fra 150765 00484' }] },
      attachments: [{ url: 'https://example.org/a.jpg', altText: 'Skjema med 01019012480' }],
    }),
  );
  assert.deepEqual(runCheck('forbiddenPattern', { detector: 'national-id' }, ctx), [
    { path: '/fields/agenda/0/title', values: { match: '150765 *****' } },
    { path: '/attachments/0/altText', values: { match: '010190*****' } },
  ]);
});

test('11 digits failing the mod-11 check are not flagged', () => {
  const ctx = contextFor(notice({ body: 'Saksnummer 15076500485 og kontonummer 12345678901.' }));
  assert.deepEqual(runCheck('forbiddenPattern', { detector: 'national-id' }, ctx), []);
});
