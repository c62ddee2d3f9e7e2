import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example, type EXAMPLE_NAMES } from '../helpers/examples.ts';
import { loadCorpus, type CorpusCase } from './corpus.ts';
import { assertClearRefusal, assertNoPollution, named, rowCounts, type ProblemItem } from './support.ts';

// Every known-nasty body in corpus/ against the three routes that take a notice, every run.
let t: TestApp;
let key: string;
/** A stored notice of each type, for PUT (a correction keeps its type). */
const targets = new Map<string, string>();
const STORED: Record<string, (typeof EXAMPLE_NAMES)[number]> = { vacancy: 'vacancy', plan: 'plan-ettersyn', meeting: 'meeting', event: 'event', announcement: 'announcement' };

before(async () => {
  t = await buildTestApp();
  key = await t.key('asnes', 'admin');
  for (const [type, name] of Object.entries(STORED)) {
    const res = await t.app.inject({ method: 'POST', url: '/v1/notices', headers: { authorization: `Bearer ${key}` }, payload: example(name) });
    assert.equal(res.statusCode, 201, `${name}: ${res.body}`);
    targets.set(type, res.json<{ id: string }>().id);
  }
});
after(() => t.close());

function typeOf(c: CorpusCase): string {
  try {
    const type = (JSON.parse(c.body.toString('utf8')) as { type?: unknown }).type;
    return typeof type === 'string' && targets.has(type) ? type : 'announcement';
  } catch {
    return 'announcement';
  }
}

function routes(c: CorpusCase) {
  return [
    { name: 'submit', method: 'POST' as const, url: '/v1/notices' },
    { name: 'validate', method: 'POST' as const, url: '/v1/notices/validate' },
    { name: 'update', method: 'PUT' as const, url: `/v1/notices/${targets.get(typeOf(c)) ?? ''}` },
  ];
}

const corpus = loadCorpus();

test('the corpus holds the cases the issue names', () => {
  assert.ok(corpus.length >= 40, `only ${corpus.length} cases`);
});

for (const c of corpus) {
  test(`${c.name}: ${c.note}`, async () => {
    for (const route of routes(c)) {
      const what = `${c.name} → ${route.name}`;
      const before = await rowCounts(t.db.pool);
      const res = await t.app.inject({
        method: route.method,
        url: route.url,
        headers: { authorization: `Bearer ${key}`, ...(c.contentType !== undefined && { 'content-type': c.contentType }) },
        payload: c.body,
      });
      assert.ok(res.statusCode < 500, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      let items: ProblemItem[] | undefined;
      if (route.name === 'validate' && res.statusCode === 200 && c.expect.status === 422) {
        // The dry run answers rule failures as findings, not as a 422.
        const answer = res.json<{ valid: boolean; errors: ProblemItem[] }>();
        assert.equal(answer.valid, false, `${what}: the dry run called it valid`);
        items = answer.errors;
      } else {
        const problem = assertClearRefusal(res, what);
        assert.equal(res.statusCode, c.expect.status, `${what}: ${res.body.slice(0, 500)}`);
        items = problem.errors;
      }
      if (c.expect.rule !== undefined) {
        const want = `${c.expect.rule}${c.expect.path !== undefined ? ` ${c.expect.path}` : ''}`;
        assert.ok(named(items).some((n) => n.startsWith(want)), `${what}: ${want} not in ${named(items).slice(0, 10).join(', ')}`);
      }
      assert.deepEqual(await rowCounts(t.db.pool), before, `${what}: rows were written`);
      assertNoPollution(what);
    }
  });
}
