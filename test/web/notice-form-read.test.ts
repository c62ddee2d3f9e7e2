import assert from 'node:assert/strict';
import { test } from 'node:test';
import { controlsOf, fieldNodes } from '../../src/web/notice-form/model.ts';
import { readForm, submittedRows } from '../../src/web/notice-form/parse.ts';
import { rulesFor } from '../rules/fixtures.ts';

const vacancy = rulesFor('vacancy');

test('the vacancy form has a control per field, named by its pointer, with the rule file labels', () => {
  const nodes = fieldNodes(vacancy.fields, vacancy.form, () => 1);
  const controls = controlsOf(nodes);
  const deadline = controls.find((c) => c.pointer === '/fields/applicationDeadline');
  assert.ok(deadline);
  assert.equal(deadline.kind, 'date');
  assert.equal(deadline.label.nn, 'Søknadsfrist');
  assert.equal(deadline.required, true);
  assert.equal(controls.find((c) => c.pointer === '/fields/duties')?.kind, 'lines');
  assert.deepEqual(controls.find((c) => c.pointer === '/fields/employment')?.options?.map((o) => o.label.nn), ['Fast', 'Vikariat', 'Mellombels', 'Engasjement', 'Sesong']);
  const contacts = nodes.find((n) => n.pointer === '/fields/contacts');
  assert.equal(contacts?.node, 'list');
  assert.ok(controls.some((c) => c.pointer === '/fields/contacts/0/phone' && c.label.nb === 'Telefon'));
});

test('a submitted form becomes the notice: numbers, lines, booleans, blank rows and fields left out', () => {
  const body = {
    '/fields/position': '  Sykepleier ',
    '/fields/positionPercent': '80,5',
    '/fields/positions': 'two',
    '/fields/duties': 'Pleie\r\n\r\n  Dokumentasjon \r\n',
    '/fields/salary': '   ',
    '/fields/contacts/0/name': '',
    '/fields/contacts/0/phone': '',
    '/fields/contacts/1/name': 'Kari',
    '/fields/contacts/1/email': 'kari@asnes.example',
  };
  const rows = submittedRows(body);
  assert.equal(rows('/fields/contacts'), 2);
  assert.equal(submittedRows({ ...body, _add: '/fields/contacts' })('/fields/contacts'), 3);
  const controls = controlsOf(fieldNodes(vacancy.fields, vacancy.form, rows));
  assert.deepEqual(readForm(controls, body), {
    fields: { position: 'Sykepleier', positionPercent: 80.5, positions: 'two', duties: ['Pleie', 'Dokumentasjon'], contacts: [{ name: 'Kari', email: 'kari@asnes.example' }] },
  });
  const plan = rulesFor('plan');
  const planControls = controlsOf(fieldNodes(plan.fields, plan.form, () => 1));
  assert.deepEqual(readForm(planControls, { '/fields/planprogram': 'false', '/fields/alternativeDrafts': '' }), { fields: { planprogram: false } });
});
