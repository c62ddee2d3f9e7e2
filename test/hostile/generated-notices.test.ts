import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { NOTICE_TYPES, type NoticeInput } from '../../src/notices/types.ts';
import { buildTestApp, shippedDirectory, type TestApp } from '../helpers/app.ts';
import { example, type EXAMPLE_NAMES } from '../helpers/examples.ts';
import { arbitraryOf } from './schema-arbitrary.ts';
import { assertClearRefusal, assertNoPollution, rowCounts } from './support.ts';

/**
 * Notices generated from the rule files' own schemas (as loaded for Åsnes), then mutated, through the
 * real API. Fixed seed, printed; HOSTILE_SEED and HOSTILE_RUNS override it (README, Tests).
 */
const SEED = Number(process.env.HOSTILE_SEED ?? 20261202);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 120);

let t: TestApp;
let key: string;
before(async () => {
  t = await buildTestApp();
  key = await t.key('asnes', 'admin');
  console.log(`hostile notices: seed ${SEED}, ${RUNS} runs (HOSTILE_SEED=${SEED} to repeat)`);
});
after(() => t.close());

const BASE: Record<(typeof NOTICE_TYPES)[number], (typeof EXAMPLE_NAMES)[number]> = { vacancy: 'vacancy', plan: 'plan-ettersyn', meeting: 'meeting', event: 'event', announcement: 'announcement' };
const rules = shippedDirectory().get('asnes')?.rules;

/** A notice of each type whose `fields` come from its rule file's schema; the example supplies the rest (and, half the time, its lawful dates). */
const valid: fc.Arbitrary<NoticeInput> = fc.constantFrom(...NOTICE_TYPES).chain((type) => {
  const schema = rules?.get(type)?.fields;
  if (!schema) throw new Error(`no rule file for ${type}`);
  return fc.tuple(arbitraryOf(schema), fc.boolean()).map(([fields, keepDates]) => {
    const base = example(BASE[type]);
    const dates = Object.fromEntries(Object.entries(base.fields).filter(([, v]) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)));
    return { ...base, fields: { ...(fields as Record<string, unknown>), ...(keepDates ? dates : {}) } };
  });
});

const hostileText = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\u001b[2J', '\ud800', '\udfff', '\u202e', '\u200b', '\ufeff', '<script>alert(1)</script>', '"; DROP TABLE notices; --', ']]>', '\r\nBEGIN:VEVENT'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const extremeNumber = fc.constantFrom(0, -0, -1, 1e-300, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 0.1 + 0.2);
const wrongType = fc.constantFrom<unknown>(null, true, 42, [], {}, [1, 2], { a: 1 }, '');
const trickyTime = fc.constantFrom('2031-03-30T02:30', '2031-10-26T02:30', '2031-10-26T02:30+01:00', '2031-10-26T02:30+02:00', '2030-12-31T23:59:59', '2031-01-01T00:00', '2030-02-29T09:00', '2031-13-01T09:00', '9999-12-31T23:59', '2031-03-30T02:30Z');

/** Every JSON pointer into the notice, so a mutation can land anywhere. */
function paths(value: unknown, at: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [at];
  return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
}
function setAt(root: unknown, path: string[], change: (parent: Record<string, unknown>, key: string) => void): void {
  let node = root as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  const last = path.at(-1);
  if (last !== undefined) change(node, last);
}

type Mutation = (notice: NoticeInput) => fc.Arbitrary<unknown>;
const at = (notice: NoticeInput) => fc.constantFrom(...paths(notice).filter((p) => p.length > 0));
const MUTATIONS: Record<string, Mutation> = {
  none: (n) => fc.constant(n),
  'wrong type': (n) => fc.tuple(at(n), wrongType).map(([p, v]) => { const c = structuredClone(n); setAt(c, p, (o, k) => { o[k] = v; }); return c; }),
  'missing field': (n) => at(n).map((p) => { const c = structuredClone(n); setAt(c, p, (o, k) => { Reflect.deleteProperty(o, k); }); return c; }),
  'extra field': (n) => fc.tuple(fc.constantFrom(...paths(n).filter((p) => { let v: unknown = n; for (const s of p) v = (v as Record<string, unknown>)[s]; return v !== null && typeof v === 'object' && !Array.isArray(v); })), fc.string({ minLength: 1, maxLength: 12 })).map(([p, name]) => { const c = structuredClone(n) as unknown as Record<string, unknown>; let o = c; for (const s of p) o = o[s] as Record<string, unknown>; o[`x-${name}`] = 1; return c; }),
  'extreme length': (n) => fc.tuple(at(n), fc.constantFrom(0, 301, 5_000, 50_001, 120_000)).map(([p, len]) => { const c = structuredClone(n); setAt(c, p, (o, k) => { o[k] = 'Å'.repeat(len); }); return c; }),
  'hostile text': (n) => fc.tuple(at(n), hostileText).map(([p, s]) => { const c = structuredClone(n); setAt(c, p, (o, k) => { const old = o[k]; o[k] = typeof old === 'string' ? `${old}${s}` : s; }); return c; }),
  'extreme number': (n) => fc.tuple(at(n), extremeNumber).map(([p, v]) => { const c = structuredClone(n); setAt(c, p, (o, k) => { o[k] = v; }); return c; }),
  'tricky publishAt': (n) => trickyTime.map((publishAt) => ({ ...n, publishAt })),
  'tricky date field': (n) => fc.tuple(fc.constantFrom(...paths(n.fields).filter((p) => p.length > 0).map((p) => ['fields', ...p])), trickyTime, fc.boolean()).map(([p, v, dateOnly]) => { const c = structuredClone(n); setAt(c, p, (o, k) => { o[k] = dateOnly ? v.slice(0, 10) : v; }); return c; }),
};
const mutated = fc.tuple(valid, fc.constantFrom(...Object.keys(MUTATIONS))).chain(([notice, name]) => (MUTATIONS[name] ?? fc.constant)(notice).map((body) => ({ name, body })));

test('generated and mutated notices: never 5xx, stored only when the rules accept, every refusal names a rule or path', async () => {
  const outcomes: Record<string, number> = {};
  await fc.assert(
    fc.asyncProperty(mutated, async ({ name, body }) => {
      const payload = JSON.stringify(body);
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const dry = await t.app.inject({ method: 'POST', url: '/v1/notices/validate', headers, payload });
      assert.ok(dry.statusCode < 500, `validate ${dry.statusCode}: ${dry.body.slice(0, 300)}`);
      const before = await rowCounts(t.db.pool);
      const res = await t.app.inject({ method: 'POST', url: '/v1/notices', headers, payload });
      assert.ok(res.statusCode < 500, `submit ${res.statusCode}: ${res.body.slice(0, 300)}`);
      const after = await rowCounts(t.db.pool);
      outcomes[`${name} ${res.statusCode}`] = (outcomes[`${name} ${res.statusCode}`] ?? 0) + 1;
      if (res.statusCode === 201) {
        assert.equal(dry.statusCode, 200, 'stored, but the dry run refused it');
        assert.equal(dry.json<{ valid: boolean }>().valid, true, 'stored a notice its rules reject');
        assert.equal(after.notices, (before.notices ?? 0) + 1);
        assert.equal(res.json<{ title: string }>().title, (body as NoticeInput).title, 'the title was not kept as written');
      } else {
        assertClearRefusal(res, `${name} → submit`);
        assert.deepEqual(after, before, 'a refused notice left rows behind');
        if (dry.statusCode === 200) assert.equal(dry.json<{ valid: boolean }>().valid, false, 'refused, but the dry run called it valid');
      }
      assertNoPollution(name);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  console.log(`outcomes: ${JSON.stringify(outcomes)}`);
  // The generator is not vacuous: unmutated notices from the schemas do get accepted.
  assert.ok(Object.entries(outcomes).some(([k]) => k === 'none 201'), 'no generated notice was accepted');
});
