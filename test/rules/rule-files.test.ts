import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NoticeInput } from '../../src/notices/types.ts';
import { evaluate } from '../../src/rules/index.ts';
import { contextFor, oslo, readExample, rulesFor } from './fixtures.ts';

/** The rules that fail (errors and warnings) for a notice, as `rule:severity`. */
function failing(notice: NoticeInput, options: Parameters<typeof contextFor>[1] = {}): string[] {
  const rules = rulesFor(notice.type);
  const channels = notice.channels ?? rules.channels.default;
  const { errors, warnings } = evaluate(rules, contextFor({ ...notice, channels }, options), 'en');
  return [...errors, ...warnings].map((f) => `${f.rule}:${f.severity}`);
}

const WITHOUT_STATEMENT = readExample('vacancy').body.replace(/Opplysninger om søkeren[^.]*\./, '');

function vacancyWith(sentence: string): NoticeInput {
  return { ...readExample('vacancy'), body: `${WITHOUT_STATEMENT}\n\n${sentence}` };
}

test('offentleglova § 25: the warning about the applicant list is accepted in bokmål, nynorsk and English', () => {
  const accepted = [
    'Opplysninger om søkeren kan bli gjort offentlige selv om søkeren har bedt om ikke å bli ført opp på søkerlisten.',
    'Merk at opplysninger om deg kan bli offentliggjort, selv om du har reservert deg mot å stå på søkerlista.',
    'Opplysninger om søker kan offentliggjøres selv om søker har bedt om å bli unntatt fra offentlighet.',
    'OPPLYSNINGER   om søkeren kan bli gjort OFFENTLIG selv\nom søkeren ber om å ikke bli oppført.',
    'Opplysningar om søkjaren kan bli offentleggjorde sjølv om søkjaren har bede om ikkje å bli ført opp på søkjarlista.',
    'Opplysningar om deg kan bli gjort offentlege sjølv om du har bede om å bli unnateken offentlegheit.',
    'Information about applicants may be made public even if the applicant has asked not to be included on the list of applicants.',
    'Please note that your name may be made public even though you have requested exemption from the applicant list.',
  ];
  for (const sentence of accepted) assert.ok(!failing(vacancyWith(sentence)).includes('vacancy.offl25.notice:error'), sentence);
});

test('offentleglova § 25: a mere mention of the applicant list is not the statement', () => {
  for (const sentence of ['Det blir utarbeidet offentlig søkerliste.', 'Søkerlisten er offentlig. Vi behandler søknader selv om de kommer sent.']) {
    assert.deepEqual(failing(vacancyWith(sentence)), ['vacancy.offl25.notice:error'], sentence);
  }
});

function vacancyAlso(text: string): string[] {
  const example = readExample('vacancy');
  return failing({ ...example, body: `${example.body}\n${text}` });
}

test('forbidden questions are errors (ldl § 30, aml § 13-4)', () => {
  const asks = [
    'Oppgi om du er gravid eller planlegger barn.',
    'Er du gravid?',
    'Planlegger du å få barn de neste årene?',
    'Vennligst oppgi religion og sivilstand.',
    'Opplys om eventuelt fagforeningsmedlemskap.',
    'Er du medlem av en fagforening?',
    'Kva parti stemmer du på?',
    'Oppgje kva trusretning du har.',
    'Please state your religion.',
    'Are you pregnant?',
    'Angi seksuell orientering.',
  ];
  for (const ask of asks) assert.ok(vacancyAlso(ask).includes('vacancy.nodiscrim.ask:error'), ask);
});

test('a diversity statement naming the same grounds asks for nothing', () => {
  const statement = 'Vi oppfordrer alle kvalifiserte til å søke, uavhengig av kjønn, alder, religion, livssyn, etnisitet, seksuell orientering og funksjonsevne. Oppgi to referanser.';
  assert.deepEqual(vacancyAlso(statement), []);
});

test('explicit age limits are errors; experience, children and pupils are not age limits', () => {
  const limits = ['Du er under 45 år.', 'Søkere bør være mellom 25 og 35 år.', 'Vi søker deg som er 20–35 år.', 'Maks 40 år.', 'Aldersgrense: 30 år.', 'Du må være over 18 år.', 'Applicants should be between 25 and 40 years of age.'];
  for (const limit of limits) assert.ok(vacancyAlso(limit).includes('vacancy.nodiscrim.age:error'), limit);
  const fine = ['Du har over 20 års erfaring.', 'Minst 3 års erfaring.', 'Barnehagen har barn under 12 år.', 'Skolen har elever 13–16 år.', 'Over 20 år erfaring fra drift er en fordel.'];
  for (const text of fine) assert.ok(!vacancyAlso(text).includes('vacancy.nodiscrim.age:error'), text);
});

test('age- and gender-coded words are warnings; "barn og unge" is not', () => {
  for (const coded of ['Du er ung og dynamisk.', 'Vi er et ungt team.', 'Vi søker en erfaren fagmann.', 'Young and dynamic candidates wanted.']) {
    assert.deepEqual(vacancyAlso(coded), ['vacancy.nodiscrim.coded:warning'], coded);
  }
  assert.deepEqual(vacancyAlso('Du skal jobbe med barn og unge i Åsnes. Ungdomsklubben er åpen.'), []);
});

test('without a diversity statement the vacancy gets a warning', () => {
  const body = 'Opplysninger om søkeren kan bli gjort offentlige selv om søkeren har bedt om ikke å bli ført opp på søkerlisten.';
  assert.deepEqual(failing({ ...readExample('vacancy'), body }), ['vacancy.diversity:warning']);
});

test('vacancy: 14 days to apply passes, 13 warns; measured from the publication', () => {
  const example = readExample('vacancy');
  const at = (deadline: string) => failing({ ...example, fields: { ...example.fields, applicationDeadline: deadline } }, { publication: oslo('2027-01-04T12:00') });
  assert.deepEqual(at('2027-01-18'), []);
  assert.deepEqual(at('2027-01-17'), ['vacancy.deadline:warning', 'vacancy.deadline.holiday:warning']);
});

test('vacancy: a Facebook-only posting needs the website (overridable) and its website counterpart', () => {
  assert.deepEqual(failing({ ...readExample('vacancy'), channels: ['facebook'] }), ['vacancy.public:error', 'announcement.website_primary:error']);
});

test('plan ettersyn: 42 days counted from the newspaper issue, the last mandatory channel', () => {
  const example = readExample('plan-ettersyn');
  // Submitted Monday 4 January 2027; the first issue two days on (Tue/Thu/Sat) is Thursday 7 January.
  const at = (deadline: string) => failing({ ...example, fields: { ...example.fields, commentDeadline: deadline } }, { now: oslo('2027-01-04T09:00') });
  assert.deepEqual(at('2027-02-18'), []);
  assert.deepEqual(at('2027-02-17'), ['plan.ettersyn.frist:error']);
});

test('plan ettersyn: documents link, physical copy, newspaper and website are each required', () => {
  const example = readExample('plan-ettersyn');
  const fields = { ...example.fields };
  delete fields.documentsUrl;
  delete fields.physicalCopyLocation;
  assert.deepEqual(failing({ ...example, channels: ['facebook'], fields }), [
    'plan.ettersyn.electronic:error',
    'plan.ettersyn.electronic:error',
    'plan.ettersyn.newspaper:error',
    'plan.ettersyn.content:error',
    'announcement.website_primary:error',
  ]);
});

test('plan ettersyn: announcing without a newspaper can be overridden with a reason', () => {
  const notice: NoticeInput = {
    ...readExample('plan-ettersyn'),
    channels: ['website', 'facebook'],
    overrides: [{ rule: 'plan.ettersyn.newspaper', reason: 'Avisen er nedlagt; kunngjort med brev til alle husstander.' }],
  };
  const { errors, warnings } = evaluate(rulesFor('plan'), contextFor(notice), 'en');
  assert.deepEqual(errors, []);
  assert.deepEqual(
    warnings.map((w) => [w.rule, w.overrideReason]),
    [['plan.ettersyn.newspaper', 'Avisen er nedlagt; kunngjort med brev til alle husstander.']],
  );
});

test('plan oppstart: three weeks recommended; with a planprogram six weeks required', () => {
  const example = readExample('plan-oppstart');
  const at = (deadline: string, planprogram: boolean) => failing({ ...example, fields: { ...example.fields, commentDeadline: deadline, planprogram } }, { now: oslo('2027-01-04T09:00') });
  // Publication: Thursday 7 January 2027 (first issue two days on).
  assert.deepEqual(at('2027-01-28', false), []);
  assert.deepEqual(at('2027-01-27', false), ['plan.oppstart.frist:warning']);
  assert.deepEqual(at('2027-02-18', true), []);
  assert.deepEqual(at('2027-02-17', true), ['plan.planprogram.frist:error']);
});

test('kommuneplan hearing: six weeks for the arealdel, not for the samfunnsdel', () => {
  const example = readExample('plan-kommuneplan-hoering');
  const at = (kommuneplanPart: string) => failing({ ...example, fields: { ...example.fields, kommuneplanPart, commentDeadline: '2027-02-17' } }, { now: oslo('2027-01-04T09:00') });
  assert.deepEqual(at('arealdel'), ['plan.kommuneplan.hoering:error']);
  assert.deepEqual(at('samfunnsdel'), []);
});

test('plan vedtak: appeal deadline three weeks, warned', () => {
  const example = readExample('plan-vedtak');
  const at = (appealDeadline: string) => failing({ ...example, fields: { ...example.fields, appealDeadline } }, { now: oslo('2027-01-04T09:00') });
  assert.deepEqual(at('2027-01-28'), []);
  assert.deepEqual(at('2027-01-27'), ['plan.vedtak.klage:warning']);
});

test('meeting: published after the start is an error; less than 7 days before is a warning', () => {
  const example = readExample('meeting');
  const at = (start: string) => failing({ ...example, fields: { ...example.fields, start, end: undefined } }, { now: oslo('2027-01-04T09:00') });
  assert.deepEqual(at('2027-01-11T18:00'), []);
  assert.deepEqual(at('2027-01-10T18:00'), ['meeting.publish.before:warning']);
  assert.deepEqual(at('2027-01-04T08:00'), ['meeting.publish.before:error', 'meeting.publish.before:warning']);
});

test('meeting: items about an employee, and a notice that calls the meeting closed, are warned', () => {
  const example = readExample('meeting');
  const agenda = [...(example.fields.agenda as object[]), { number: 'PS 55/30', title: 'Personalsak – oppsigelse' }];
  assert.deepEqual(failing({ ...example, fields: { ...example.fields, agenda } }), ['meeting.personnel:warning', 'meeting.personnel:warning']);
  assert.deepEqual(failing({ ...example, body: `${example.body}\nMøtet er lukket for publikum.` }), ['meeting.open:warning']);
});

test('event: police not yet notified and under 14 days away is a warning', () => {
  const example = readExample('event');
  const at = (start: string) => failing({ ...example, fields: { ...example.fields, start, end: undefined, police: 'pending' } }, { now: oslo('2027-01-04T09:00') });
  assert.deepEqual(at('2027-01-18T12:00'), ['event.content:warning']);
  assert.deepEqual(at('2027-01-17T12:00'), ['event.police:warning', 'event.content:warning']);
});

test('announcement: no contact point is a warning', () => {
  const example = readExample('announcement');
  assert.deepEqual(failing({ ...example, fields: { category: 'informasjon' } }), ['announcement.contact:warning']);
});

test('a fødselsnummer anywhere blocks publication, whatever the type', () => {
  const example = readExample('meeting');
  const agenda = [{ number: 'PS 1/30', title: 'Klage på vedtak – 010190 12480' }];
  assert.deepEqual(failing({ ...example, fields: { ...example.fields, agenda } }), ['common.offl.internet:error']);
});

test('a deadline on or before the publication day is an error, for vacancies and plans', () => {
  const vacancy = readExample('vacancy');
  const vacancyAt = (applicationDeadline: string) =>
    failing({ ...vacancy, fields: { ...vacancy.fields, applicationDeadline } }, { publication: oslo('2027-01-04T12:00') }).filter((rule) => rule.endsWith(':error'));
  assert.deepEqual(vacancyAt('2027-01-04'), ['vacancy.deadline.after_publication:error']);
  assert.deepEqual(vacancyAt('2027-01-05'), []);
  const plan = readExample('plan-oppstart');
  const planAt = (commentDeadline: string) => failing({ ...plan, fields: { ...plan.fields, commentDeadline } }, { now: oslo('2027-01-04T09:00') }).filter((rule) => rule.endsWith(':error'));
  // Published with the newspaper on Thursday 7 January 2027.
  assert.deepEqual(planAt('2027-01-07'), ['plan.deadline.after_publication:error']);
  assert.deepEqual(planAt('2027-01-08'), []);
});
