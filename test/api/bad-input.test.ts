import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';

let t: TestApp;
let key: string;
before(async () => {
  t = await buildTestApp();
  key = await t.key('asnes', 'admin');
});
after(async () => {
  // Whatever was sent, nothing was stored: every request in this file is refused.
  const { rows } = await t.db.pool.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM notices) + (SELECT count(*) FROM notice_versions) + (SELECT count(*) FROM publications) + (SELECT count(*) FROM idempotency_keys) AS n',
  );
  await t.close();
  assert.equal(rows[0]?.n, 0, 'a refused request left rows behind');
});

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { rule: string; path: string; message: string }[];
}

async function send(payload: string | object, headers: Record<string, string> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/notices',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, `expected a 4xx, got ${res.statusCode}: ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  return { status: res.statusCode, problem: res.json<Problem>() };
}

const paths = (p: Problem) => (p.errors ?? []).map((e) => `${e.rule} ${e.path}`);

test('malformed JSON: 400 naming JSON', async () => {
  const { status, problem } = await send('{"type": "vacancy",');
  assert.equal(status, 400);
  assert.equal(problem.type, '/docs/errors#herald_err_request_json');
});

test('an empty body: 400', async () => {
  const { status } = await send('');
  assert.equal(status, 400);
});

test('wrong content type: 415', async () => {
  const { status, problem } = await send('type=vacancy', { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(status, 415);
  assert.equal(problem.type, '/docs/errors#herald_err_request_media_type');
});

test('a body over 256 KiB: 413', async () => {
  const notice = { ...example('announcement'), body: 'x'.repeat(300 * 1024) };
  const { status, problem } = await send(notice);
  assert.equal(status, 413);
  assert.equal(problem.type, '/docs/errors#herald_err_request_too_large');
});

test('prototype pollution keys are refused', async () => {
  const { status } = await send('{"type":"announcement","__proto__":{"admin":true},"language":"nb","title":"t","body":"b","fields":{}}');
  assert.equal(status, 400);
  assert.equal(({} as Record<string, unknown>).admin, undefined);
});

test('unknown notice type: 400 naming /type', async () => {
  const { status, problem } = await send({ ...example('announcement'), type: 'lottery' });
  assert.equal(status, 400);
  assert.ok(paths(problem).includes('schema.enum /type'), paths(problem).join());
});

test('missing, unknown and mistyped fields are all named at once', async () => {
  const notice: Record<string, unknown> = { ...example('announcement'), language: 'de', extra: 1, title: 42 };
  delete notice.body;
  const { status, problem } = await send(notice);
  assert.equal(status, 400);
  const found = paths(problem);
  for (const expected of ['schema.required /body', 'schema.additionalProperties /extra', 'schema.type /title', 'schema.enum /language']) {
    assert.ok(found.includes(expected), `${expected} not in ${found.join(', ')}`);
  }
});

test('a date that is not a date: 422 naming the field', async () => {
  const notice = example('vacancy');
  notice.fields.applicationDeadline = '31.02.2030';
  const { status, problem } = await send(notice);
  assert.equal(status, 422);
  assert.ok(paths(problem).some((p) => p.endsWith(' /fields/applicationDeadline')), paths(problem).join());
});

test('unknown fields inside `fields` are named', async () => {
  const notice = example('vacancy');
  notice.fields.favouriteColour = 'blue';
  const { status, problem } = await send(notice);
  assert.equal(status, 422);
  assert.ok(paths(problem).some((p) => p.endsWith(' /fields/favouriteColour')), paths(problem).join());
});

test('a deadline before publication is a rule error', async () => {
  const notice = example('vacancy');
  notice.publishAt = '2031-06-01T09:00';
  notice.fields.applicationDeadline = '2031-05-01';
  const { status, problem } = await send(notice);
  assert.equal(status, 422);
  assert.ok(paths(problem).some((p) => p.endsWith(' /fields/applicationDeadline')), paths(problem).join());
});

test('control characters and lone surrogates are refused with their path', async () => {
  const withNul = await send({ ...example('announcement'), title: 'Møte\u0000' });
  assert.equal(withNul.status, 422);
  assert.deepEqual(paths(withNul.problem), ['text.control_characters /title']);
  const surrogate = await send(`{"type":"announcement","language":"nb","title":"a\\ud800b","body":"b","fields":{}}`);
  assert.equal(surrogate.status, 422);
  assert.deepEqual(paths(surrogate.problem), ['text.invalid_unicode /title']);
  // With an Idempotency-Key the body is hashed: unhashable text must still be a 422, not a 500.
  const keyed = await send(`{"type":"announcement","language":"nb","title":"a\\ud800b","body":"b","fields":{}}`, { 'idempotency-key': 'k1' });
  assert.equal(keyed.status, 422);
  assert.deepEqual(paths(keyed.problem), ['text.invalid_unicode /title']);
});

test('a bad query or id: 400, never 500', async () => {
  const headers = { authorization: `Bearer ${key}` };
  for (const url of ['/v1/notices/not-a-uuid', '/v1/notices?limit=0', '/v1/notices?limit=abc', '/v1/notices?from=yesterday', '/v1/notices?from=2030-02-01&to=2030-01-01', '/v1/notices?cursor=zzz', '/v1/notices?status=lost']) {
    const res = await t.app.inject({ url, headers });
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /problem\+json/);
  }
});

test('an unknown notice id: 404', async () => {
  const res = await t.app.inject({ url: '/v1/notices/00000000-0000-4000-8000-000000000000', headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.statusCode, 404);
});
