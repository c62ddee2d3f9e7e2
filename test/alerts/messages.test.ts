import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderAlertMessage } from '../../src/alerts/messages.ts';
import type { AlertFacts } from '../../src/alerts/types.ts';
import { shippedDirectory } from '../helpers/app.ts';

const asnes = shippedDirectory().get('asnes')?.tenant ?? assert.fail('asnes is not configured');
const facts: AlertFacts = {
  channel: 'newspaper',
  target: 'Glåmdalen',
  notices: [{ id: '0b3c2f1e-9a7d-4c55-8f7e-2f2d9d9a1b10', version: 2, type: 'plan', title: 'Offentlig ettersyn: Flisa sentrum nord', publicationId: null, state: 'scheduled', scheduledAt: '2031-01-14T11:00:00.000Z' }],
  deadline: '2031-01-20T23:00:00.000Z',
  moment: { rule: 'plan.ettersyn.frist', at: '2031-03-02T23:00:00.000Z', message: { nb: '…', en: '…' }, source: { law: 'plan- og bygningsloven', section: '§ 12-10 (1)', url: 'https://lovdata.no/' } },
  problem: 'SFTP: connection refused',
  what: null,
};
const input = { alertId: 'a1', kind: 'deadline' as const, phase: 'opened' as const, openedAt: new Date('2031-01-10T12:00:00Z'), facts };

test('an alert is written in the municipality’s own standard: bokmål', () => {
  const { subject, text } = renderAlertMessage({ ...input, tenant: asnes });
  assert.equal(subject, 'Frist i fare: «Offentlig ettersyn: Flisa sentrum nord» er ikke ute på avisen (Glåmdalen)');
  assert.match(text, /Må være ute innen: 21\. januar 2031 kl\. 00:00 \(Europe\/Oslo\)/);
  assert.match(text, /planlagt 14\. januar 2031 kl\. 12:00/);
  assert.match(text, /Hva gikk galt: SFTP: connection refused/);
  assert.match(text, /Hva du bør gjøre: Sjekk kunngjøringen nå/);
});

test('… and nynorsk, for a municipality that writes nynorsk', () => {
  const { subject, text, payload } = renderAlertMessage({ ...input, phase: 'reminder', tenant: { ...asnes, language: 'nn' } });
  assert.equal(subject, 'Påminning: Frist i fare: «Offentlig ettersyn: Flisa sentrum nord» er ikkje ute på avisa (Glåmdalen)');
  assert.match(text, /Må vere ute innan: 21\. januar 2031 kl\. 00:00/);
  assert.match(text, /Kva du bør gjere: Sjekk kunngjeringa no/);
  assert.equal(payload.event, 'alert.reminder');
  assert.equal(payload.deadlineLocal, '2031-01-21T00:00:00.000+01:00');
});
