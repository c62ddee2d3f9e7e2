import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NoticeInput } from '../../src/notices/types.ts';
import { evaluate, OVERRIDE_NOT_ALLOWED } from '../../src/rules/index.ts';
import { contextFor, karasjok, oslo, readExample, rulesFor } from './fixtures.ts';

function vacancy(body: string, overrides?: NoticeInput['overrides']): NoticeInput {
  const example = readExample('vacancy');
  return { ...example, body: `${example.body}\n${body}`, overrides };
}

test('findings carry the rule, path, all three messages with placeholders filled, the source and the policy flag', () => {
  const example = readExample('vacancy');
  const notice = { ...example, fields: { ...example.fields, applicationDeadline: '2027-01-14' } };
  const { warnings } = evaluate(rulesFor('vacancy'), contextFor(notice, { publication: oslo('2027-01-04T10:00') }), 'nb');
  assert.deepEqual(warnings, [
    {
      rule: 'vacancy.deadline',
      severity: 'warning',
      path: '/fields/applicationDeadline',
      message: 'Søknadsfristen bør være minst 14 dager etter at utlysningen er publisert, altså 2027-01-18 eller senere (nå 10 dager).',
      messages: {
        nb: 'Søknadsfristen bør være minst 14 dager etter at utlysningen er publisert, altså 2027-01-18 eller senere (nå 10 dager).',
        nn: 'Søknadsfristen bør vere minst 14 dagar etter at utlysinga er publisert, altså 2027-01-18 eller seinare (no 10 dagar).',
        en: 'The application deadline should be at least 14 days after the vacancy is published, so 2027-01-18 or later (now 10 days).',
      },
      source: { law: 'Statens personalhåndbok (kommunene: lokalt reglement)', section: '2.3.4', url: 'https://lovdata.no/dokument/SPH/sph-2017/KAPITTEL_2-3-4' },
      policy: true,
    },
  ]);
  const nynorsk = evaluate(rulesFor('vacancy'), contextFor(notice, { publication: oslo('2027-01-04T10:00') }), 'nn');
  assert.equal(nynorsk.warnings[0]?.message, 'Søknadsfristen bør vere minst 14 dagar etter at utlysinga er publisert, altså 2027-01-18 eller seinare (no 10 dagar).');
});

test('an overridable error overridden with a reason becomes a warning carrying the reason', () => {
  const notice = vacancy('Du må være over 18 år.', [{ rule: 'vacancy.nodiscrim.age', reason: 'Stillingen innebærer skjenking av alkohol (alkoholloven § 1-5).' }]);
  const { errors, warnings } = evaluate(rulesFor('vacancy'), contextFor(notice), 'en');
  assert.deepEqual(errors, []);
  assert.deepEqual(
    warnings.map((w) => [w.rule, w.severity, w.overrideReason]),
    [['vacancy.nodiscrim.age', 'warning', 'Stillingen innebærer skjenking av alkohol (alkoholloven § 1-5).']],
  );
});

test('without the override the same text is an error', () => {
  const { errors } = evaluate(rulesFor('vacancy'), contextFor(vacancy('Du må være over 18 år.')), 'en');
  assert.deepEqual(
    errors.map((e) => [e.rule, e.path, e.messages.en.includes('“over 18 år”')]),
    [['vacancy.nodiscrim.age', '/body', true]],
  );
});

test('overriding a rule that may not be overridden is itself an error, and the rule still fails', () => {
  const example = readExample('vacancy');
  const body = example.body.replace(/Opplysninger om søkeren[^.]*\./, '');
  const notice = { ...example, body, overrides: [{ rule: 'vacancy.offl25.notice', reason: 'Vi har aldri hatt med denne setningen.' }] };
  const { errors } = evaluate(rulesFor('vacancy'), contextFor(notice), 'en');
  assert.deepEqual(
    errors.map((e) => [e.rule, e.path]),
    [
      [OVERRIDE_NOT_ALLOWED, '/overrides/0'],
      ['vacancy.offl25.notice', '/body'],
    ],
  );
  assert.match(errors[0]?.message ?? '', /Rule vacancy\.offl25\.notice cannot be overridden/);
  assert.equal(errors[0]?.source?.section, '§ 25 (2)');
});

test('overriding a rule the type does not have is an error', () => {
  const notice = vacancy('', [{ rule: 'plan.ettersyn.newspaper', reason: 'Feil regel for denne typen.' }]);
  const { errors } = evaluate(rulesFor('vacancy'), contextFor(notice), 'nb');
  assert.deepEqual(
    errors.map((e) => [e.rule, e.path, e.message]),
    [[OVERRIDE_NOT_ALLOWED, '/overrides/0', 'Regelen plan.ettersyn.newspaper finnes ikke for denne typen kunngjøring, og kan derfor ikke overstyres.']],
  );
});

test('when: a check runs only where its condition holds', () => {
  const ettersyn = readExample('plan-ettersyn');
  const rules = rulesFor('plan');
  const onlyWebsite = { ...ettersyn, channels: ['website' as const] };
  const atEttersyn = evaluate(rules, contextFor(onlyWebsite), 'en').errors.map((e) => e.rule);
  assert.deepEqual(atEttersyn, ['plan.ettersyn.newspaper']);
  // The same channels at the oppstart stage are caught by the oppstart rule instead.
  const oppstart = { ...readExample('plan-oppstart'), channels: ['website' as const] };
  assert.deepEqual(
    evaluate(rules, contextFor(oppstart), 'en').errors.map((e) => e.rule),
    ['plan.oppstart.channels'],
  );
});

test('when on a tenant flag: Sami and Norwegian are required only in the Sami language area', () => {
  const notice = readExample('announcement');
  assert.deepEqual(evaluate(rulesFor('announcement'), contextFor(notice), 'en').errors, []);
  const sami = evaluate(rulesFor('announcement', karasjok), contextFor(notice, { tenant: karasjok }), 'en');
  assert.deepEqual(
    sami.errors.map((e) => [e.rule, e.path, e.message.endsWith('Missing: se.')]),
    [['announcement.sami', '/translations', true]],
  );
  const translated = { ...notice, translations: [{ language: 'se' as const, title: 'Čáhci giddejuvvo', body: 'Čáhci giddejuvvo Flisa guovddážis.' }] };
  assert.deepEqual(evaluate(rulesFor('announcement', karasjok), contextFor(translated, { tenant: karasjok }), 'en').errors, []);
});

test('when with `in`: the direct-notice reminder applies to three plan stages, not the kommuneplan hearing', () => {
  const rules = rulesFor('plan');
  const without = (name: string) => {
    const example = readExample(name);
    const fields = { ...example.fields };
    delete fields.directNoticeSentOn;
    return evaluate(rules, contextFor({ ...example, fields }), 'en').warnings.map((w) => w.rule);
  };
  assert.deepEqual(without('plan-ettersyn'), ['plan.parties.checklist']);
  assert.deepEqual(without('plan-kommuneplan-hoering'), []);
});
