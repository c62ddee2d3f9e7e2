import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expiresAt } from '../../../src/channels/website/expiry.ts';
import { readFacts } from '../../../src/channels/website/facts.ts';
import type { NoticeSnapshot } from '../../../src/channels/types.ts';
import { snapshot } from './fixtures.ts';

const ZONE = 'Europe/Oslo';

function expiry(notice: NoticeSnapshot): string | null {
  const end = expiresAt(readFacts(notice.content, ZONE));
  return end === null ? null : end.setZone(ZONE).toISO({ suppressMilliseconds: true });
}

test('a vacancy is current through its application deadline day, local time', () => {
  assert.equal(expiry(snapshot('vacancy')), '2030-05-07T00:00:00+02:00');
});

test('a plan notice is current through its comment deadline; an adopted plan through its appeal deadline', () => {
  assert.equal(expiry(snapshot('plan-ettersyn')), '2031-03-04T00:00:00+01:00');
  const adopted = snapshot('plan-vedtak', undefined, (c) => (c.fields.appealDeadline = '2031-07-14'));
  assert.equal(expiry(adopted), '2031-07-15T00:00:00+02:00');
});

test('a meeting or event ends at its end; without one, at the end of its start day', () => {
  assert.equal(expiry(snapshot('meeting')), '2030-09-19T21:00:00+02:00');
  assert.equal(expiry(snapshot('event', undefined, (c) => delete c.fields.end)), '2030-08-04T00:00:00+02:00');
});

test('an announcement is current through validUntil, or until withdrawn', () => {
  assert.equal(expiry(snapshot('announcement')), '2030-03-13T00:00:00+01:00');
  assert.equal(expiry(snapshot('announcement', undefined, (c) => delete c.fields.validUntil)), null);
});
