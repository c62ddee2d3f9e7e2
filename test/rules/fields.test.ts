import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NoticeInput } from '../../src/notices/types.ts';
import { validateFields } from '../../src/rules/index.ts';
import { asnes, readExample, rulesFor } from './fixtures.ts';

function meeting(fields: Record<string, unknown>, drop: string[] = []): NoticeInput {
  const example = readExample('meeting');
  const merged = Object.entries({ ...example.fields, ...fields }).filter(([name]) => !drop.includes(name));
  return { ...example, fields: Object.fromEntries(merged) };
}

function findings(notice: NoticeInput, lang: 'nb' | 'en' = 'en') {
  return validateFields(rulesFor(notice.type), notice, asnes, lang).map((f) => [f.rule, f.path, f.message]);
}

test('valid fields give no findings', () => {
  assert.deepEqual(findings(readExample('meeting')), []);
});

test('a missing required field points at the field itself, under the rule file’s schema rule', () => {
  assert.deepEqual(findings(meeting({}, ['organ'])), [['meeting.content', '/fields/organ', 'The field «organ» is required.']]);
  assert.deepEqual(findings(meeting({}, ['organ']), 'nb'), [['meeting.content', '/fields/organ', 'Feltet «organ» må fylles ut.']]);
  const [finding] = validateFields(rulesFor('meeting'), meeting({}, ['organ']), asnes, 'en');
  assert.equal(finding?.source?.section, '§ 11-3');
});

test('either of two fields: one finding naming both', () => {
  assert.deepEqual(findings(meeting({}, ['place', 'streamUrl']), 'nb'), [['meeting.content', '/fields', 'Fyll ut minst ett av feltene «place», «streamUrl».']]);
});

test('unknown fields, wrong formats, empty lists and nested conditions are each reported where they are', () => {
  const notice = meeting({
    orgen: 'Formannskapet',
    start: '19.09.2030 18:00',
    documentsUrl: 'moteplan',
    agenda: [{ title: 'Ansettelse av kommunedirektør', closed: true }],
  });
  assert.deepEqual(findings(notice), [
    ['meeting.content', '/fields/orgen', 'There is no field «orgen» for this type of notice.'],
    ['meeting.content', '/fields/start', 'Must be a date and time, e.g. 2030-05-02T18:00 (with or without a UTC offset).'],
    ['meeting.content', '/fields/documentsUrl', 'Must be a full web address, e.g. https://www.example.org/page.'],
    ['meeting.content', '/fields/agenda/0/legalBasis', 'The field «legalBasis» is required.'],
  ]);
  assert.deepEqual(findings(meeting({ agenda: [] })), [['meeting.content', '/fields/agenda', 'Must have at least 1 item(s).']]);
});

test('a wall time in the spring-forward gap does not exist', () => {
  assert.deepEqual(findings(meeting({ start: '2030-03-31T02:30' })), [
    ['time.nonexistent', '/fields/start', '2030-03-31T02:30 does not exist in Europe/Oslo: the clocks go forward that night (summer time). Choose another time.'],
  ]);
});

test('a wall time in the fall-back overlap needs an offset; with one it is fine', () => {
  assert.deepEqual(findings(meeting({ start: '2030-10-27T02:30' })), [
    ['time.ambiguous', '/fields/start', '2030-10-27T02:30 occurs twice in Europe/Oslo: the clocks go back that night. Give the UTC offset: 2030-10-27T02:30+02:00 or 2030-10-27T02:30+01:00.'],
  ]);
  assert.deepEqual(findings(meeting({ start: '2030-10-27T02:30+01:00' })), []);
  const [finding] = validateFields(rulesFor('meeting'), meeting({ start: '2030-10-27T02:30' }), asnes, 'en');
  assert.equal(finding?.source, undefined);
});

test('dates (YYYY-MM-DD) are calendar days: an impossible date is a format error', () => {
  const plan = readExample('plan-ettersyn');
  assert.deepEqual(findings({ ...plan, fields: { ...plan.fields, commentDeadline: '2031-02-30' } }), [
    ['plan.content', '/fields/commentDeadline', 'Must be a date, YYYY-MM-DD.'],
  ]);
});
