import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { NOTICE_TYPES } from '../../src/notices/types.ts';
import { CHECK_KINDS, loadRuleFiles } from '../../src/rules/index.ts';
import { RULES_DIR, ruleFiles } from './fixtures.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the real rule files with one file's text edited. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-rules-'));
  dirs.push(dir);
  cpSync(RULES_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const edited = edit(text);
  assert.notEqual(edited, text, 'the edit must change the file');
  writeFileSync(path, edited);
  return dir;
}

function loadError(dir: string): string {
  try {
    loadRuleFiles(dir);
  } catch (error) {
    assert.ok(error instanceof Error);
    assert.equal((error as Error & { code?: string }).code, 'HERALD_ERR_RULE_FILE');
    return error.message;
  }
  assert.fail('the rule files loaded');
}

function lineOf(dir: string, file: string, needle: string): number {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  // A whole line if one matches exactly, else the first line containing the text.
  const exact = lines.findIndex((line) => line.trim() === needle);
  const index = exact >= 0 ? exact : lines.findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `${needle} is in ${file}`);
  return index + 1;
}

test('every rule file loads, one per notice type, in a fixed order', () => {
  assert.deepEqual(
    ruleFiles().map((file) => file.type),
    [...NOTICE_TYPES],
  );
});

test('common.yaml checks are appended to every type; the version covers both files', () => {
  const common = readFileSync(join(RULES_DIR, 'common.yaml'));
  for (const file of ruleFiles()) {
    assert.ok(file.checks.some((check) => check.id === 'common.offl.internet'), file.type);
    assert.ok(file.checks.some((check) => check.id === 'announcement.website_primary'), file.type);
    const expected = createHash('sha256').update(readFileSync(file.file)).update(common).digest('hex');
    assert.equal(file.version, expected);
  }
});

test('loaded rule files are frozen: a compiled rule set cannot be changed under it', () => {
  const [first] = ruleFiles();
  assert.ok(first && Object.isFrozen(first) && Object.isFrozen(first.checks[0]?.params));
});

test('the rule files use every kind of check', () => {
  const used = new Set(ruleFiles().flatMap((file) => file.checks.map((check) => check.kind)));
  assert.deepEqual([...CHECK_KINDS].filter((kind) => !used.has(kind)), []);
});

test('broken YAML names the file, the line and the reason', () => {
  const dir = brokenCopy('meeting.yaml', (text) => text.replace('approval: false', 'approval: false\n  bad: [unclosed'));
  const message = loadError(dir);
  assert.match(message, new RegExp(`${join(dir, 'meeting.yaml')}:\\d+: `));
  assert.match(message, /meeting\.yaml:\d+: .*(flow|collection|map|indent)/i);
});

test('a misspelt param is caught by the per-kind params schema, at its line', () => {
  const dir = brokenCopy('vacancy.yaml', (text) => text.replace('      days: 14\n', '      dayz: 14\n'));
  const message = loadError(dir);
  const line = lineOf(dir, 'vacancy.yaml', 'dayz: 14');
  const index = ruleFiles()[0]?.checks.findIndex((check) => check.id === 'vacancy.deadline');
  assert.ok(message.includes(`vacancy.yaml:${line}: /checks/${index ?? -1}/params/dayz: unknown property "dayz"`), message);
  assert.ok(message.includes(`/checks/${index ?? -1}/params/days: "days" is missing`), message);
});

test('every problem in every file is listed in the one error', () => {
  const dir = brokenCopy('plan.yaml', (text) =>
    text
      .replace('to: /fields/commentDeadline\n      days: 21', 'to: /fields/commentDeadlin\n      days: 21')
      .replace('(nå {actual} dager)."\n      nn: "Lova', '(nå {actuel} dager)."\n      nn: "Lova'),
  );
  writeFileSync(join(dir, 'event.yaml'), readFileSync(join(dir, 'event.yaml'), 'utf8').replace('kind: requiredFields', 'kind: requiredField'));
  const message = loadError(dir);
  const toLine = lineOf(dir, 'plan.yaml', 'to: /fields/commentDeadlin');
  assert.ok(message.includes(`plan.yaml:${toLine}: /checks/3/params/to: /fields/commentDeadlin is not a field of this notice type`), message);
  assert.match(message, /plan\.yaml:\d+: \/checks\/3\/message\/nb: \{actuel\} is neither a param nor a value of minDuration/);
  assert.match(message, /event\.yaml:\d+: \/checks\/0\/kind: must be one of: minDuration/);
});

test('mistakes in a fields schema are caught when it is compiled', () => {
  const unknownKeyword = brokenCopy('event.yaml', (text) => text.replace('start: { type: string, format: local-date-time', 'start: { type: string, fromat: local-date-time'));
  assert.match(loadError(unknownKeyword), new RegExp(`event\\.yaml:${lineOf(unknownKeyword, 'event.yaml', 'fromat')}: /fields/properties/start/fromat: fields schema: strict mode: unknown keyword: "fromat"`));

  const unknownFormat = brokenCopy('event.yaml', (text) => text.replace('format: local-date-time, description: "Slutt"', 'format: datetime, description: "Slutt"'));
  assert.match(loadError(unknownFormat), /event\.yaml:\d+: \/fields\/properties\/end: fields schema: unknown format "datetime"/);

  const undeclared = brokenCopy('meeting.yaml', (text) => text.replace('required: [organ, start, agenda, documentsUrl]', 'required: [organ, start, agenda, documentUrl]'));
  assert.match(loadError(undeclared), /meeting\.yaml:\d+: \/fields\/required\/3: required property "documentUrl" is not declared in properties/);

  const badType = brokenCopy('announcement.yaml', (text) => text.replace('unit: { type: string', 'unit: { type: strin'));
  assert.match(loadError(badType), /announcement\.yaml:\d+: \/fields\/properties\/contact\/properties\/unit\/type: fields schema: schema is invalid/);
});

test('a check computing with a field that is not a date is refused', () => {
  const dir = brokenCopy('plan.yaml', (text) => text.replace('field: /fields/commentDeadline', 'field: /fields/commentAddress'));
  assert.match(loadError(dir), /plan\.yaml:\d+: \/checks\/\d+\/params\/field: \/fields\/commentAddress must have format date or local-date-time/);
});

test('a file whose type differs from its name, and channels outside allowed, are refused', () => {
  const dir = brokenCopy('event.yaml', (text) => text.replace('type: event', 'type: meeting').replace('default: [website, facebook]', 'default: [website, facebook, radio]'));
  const message = loadError(dir);
  assert.match(message, /event\.yaml:\d+: \/channels\/default\/2: must be one of: website, newspaper, facebook/);
  const renamed = brokenCopy('event.yaml', (text) => text.replace('type: event', 'type: meeting'));
  assert.match(loadError(renamed), /event\.yaml:\d+: \/type: type "meeting" must match the file name/);
});

test('a problem in common.yaml is reported at its own line, for each type it breaks', () => {
  const dir = brokenCopy('common.yaml', (text) => text.replace('channel: facebook\n      max: 63206', 'channel: facebook\n      max: -1'));
  assert.match(loadError(dir), /common\.yaml:\d+: \/checks\/3\/params\/max: must be >= 1/);
  const pointer = brokenCopy('common.yaml', (text) => text.replace('params: {}', 'params: {}\n    when: { path: /fields/stage, equals: oppstart }'));
  const message = loadError(pointer);
  assert.match(message, /common\.yaml:\d+: \/checks\/1\/when\/path: \/fields\/stage is not a field of this notice type \(in vacancy\)/);
  assert.doesNotMatch(message, /\(in plan\)/);
});

test('an invalid regular expression in a pattern is refused', () => {
  const dir = brokenCopy('vacancy.yaml', (text) => text.replace("- '(?:under|over", "- '((?:under|over"));
  assert.match(loadError(dir), /vacancy\.yaml:\d+: \/checks\/2\/params\/patterns\/0: must match format "regex-u"/);
});

test('every field of every type has a form label and help in bokmål, nynorsk and English', () => {
  for (const file of ruleFiles()) {
    const properties = (file.fields as { properties: Record<string, unknown> }).properties;
    assert.deepEqual(Object.keys(file.form).sort(), Object.keys(properties).sort(), file.type);
    for (const [name, entry] of Object.entries(file.form)) {
      for (const lang of ['nb', 'nn', 'en'] as const) {
        assert.ok(entry.label[lang].length > 0 && (entry.help?.[lang].length ?? 0) > 0, `${file.type}.${name} ${lang}`);
      }
    }
  }
});

test('a field without a form label, a label missing nynorsk, a choice without its text and a label for no field are refused', () => {
  const missing = brokenCopy('vacancy.yaml', (text) => text.replace(/\n {2}reference:\n {4}label: .*\n {4}help: .*\n/, '\n'));
  assert.match(loadError(missing), new RegExp(`vacancy\\.yaml:${lineOf(missing, 'vacancy.yaml', 'reference: {')}: /fields/properties/reference: field "reference" has no form label: add /form/reference with label in nb, nn and en`));

  const noNynorsk = brokenCopy('event.yaml', (text) => text.replace('label: { nb: Arrangør, nn: Arrangør, en: Organiser }', 'label: { nb: Arrangør, en: Organiser }'));
  assert.match(loadError(noNynorsk), new RegExp(`event\\.yaml:${lineOf(noNynorsk, 'event.yaml', 'label: { nb: Arrangør, en: Organiser }')}: /form/organiser/label/nn: "nn" is missing`));

  const nested = brokenCopy('meeting.yaml', (text) => text.replace(/\n {6}title: \{ label: \{ nb: Sakstittel.*\n/, '\n'));
  assert.match(loadError(nested), /meeting\.yaml:\d+: \/fields\/properties\/agenda\/items\/properties\/title: field "title" has no form label: add \/form\/agenda\/fields\/title/);

  const option = brokenCopy('plan.yaml', (text) => text.replace(/\n {6}vedtak: \{ nb: Vedtak.*\n/, '\n'));
  assert.match(loadError(option), /plan\.yaml:\d+: \/form\/stage\/options: option "vedtak" has no text \(nb, nn, en\)/);

  const stray = brokenCopy('announcement.yaml', (text) => text.replace('form:\n', 'form:\n  colour:\n    label: { nb: Farge, nn: Farge, en: Colour }\n'));
  assert.match(loadError(stray), new RegExp(`announcement\\.yaml:${lineOf(stray, 'announcement.yaml', 'label: { nb: Farge')}: /form/colour: "colour" is not a field of this notice type`));
});

test('a rule message without nynorsk is refused, naming the file, the line and the rule', () => {
  const dir = brokenCopy('meeting.yaml', (text) => text.replace(/\n {6}nn: "Møtet må kunngjerast før det byrjar\..*\n/, '\n'));
  const message = loadError(dir);
  const nb = lineOf(dir, 'meeting.yaml', 'nb: "Møtet må kunngjøres før det begynner.');
  const found = /meeting\.yaml:(\d+): \/checks\/0\/message\/nn: "nn" is missing \(rule meeting\.publish\.before\)/.exec(message);
  assert.ok(found, message);
  // The line of the message: its `message:` key, or one of its texts.
  assert.ok(Math.abs(Number(found[1]) - nb) <= 1, message);
});

test('every rule message has bokmål, nynorsk and English text with the same placeholders', () => {
  for (const file of ruleFiles()) {
    for (const check of file.checks) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(check.message.nn), names(check.message.nb), `${file.type} ${check.id}`);
      assert.notEqual(check.message.nn, check.message.nb, `${file.type} ${check.id}: nynorsk, not a copy of bokmål`);
    }
  }
});
