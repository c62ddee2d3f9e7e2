import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { assertClearRefusal, named, rowCounts } from './support.ts';

// Text that cannot be stored or shown as written, in the bodies and queries of the routes that do not take a notice.
let t: TestApp;
let admin: string;
let noticeId: string;
before(async () => {
  t = await buildTestApp();
  admin = await t.key('asnes', 'admin');
  const res = await t.app.inject({ method: 'POST', url: '/v1/notices', headers: { authorization: `Bearer ${admin}` }, payload: example('announcement') });
  noticeId = res.json<{ id: string }>().id;
});
after(() => t.close());

const cases: { what: string; method: 'GET' | 'POST' | 'PUT'; url: () => string; payload?: string; want: string }[] = [
  { what: 'a NUL in a withdrawal reason', method: 'POST', url: () => `/v1/notices/${noticeId}/withdraw`, payload: '{"reason":"Avlyst\\u0000 likevel"}', want: 'text.control_characters /reason' },
  { what: 'a lone surrogate in a withdrawal reason', method: 'POST', url: () => `/v1/notices/${noticeId}/withdraw`, payload: '{"reason":"Avlyst \\ud800"}', want: 'text.invalid_unicode /reason' },
  { what: 'a right-to-left override in a withdrawal reason', method: 'POST', url: () => `/v1/notices/${noticeId}/withdraw`, payload: '{"reason":"Avlyst \\u202etsylva"}', want: 'text.invisible_characters /reason' },
  { what: 'a NUL in a Page token', method: 'PUT', url: () => '/v1/channels/facebook/token', payload: '{"token":"EAAB\\u0000xxxxxxxxxxxx"}', want: 'text.control_characters /token' },
  { what: 'a NUL in the archive search words', method: 'GET', url: () => '/v1/archive/records?q=vann%00', want: 'text.control_characters /querystring/q' },
  { what: 'a NUL in a list filter', method: 'GET', url: () => '/v1/notices?type=vacancy%00', want: 'text.control_characters /querystring/type' },
];

for (const c of cases) {
  test(`${c.what}: 400 naming the rule and where, nothing written`, async () => {
    const before = await rowCounts(t.db.pool);
    const res = await t.app.inject({ method: c.method, url: c.url(), headers: { authorization: `Bearer ${admin}`, ...(c.payload && { 'content-type': 'application/json' }) }, ...(c.payload && { payload: c.payload }) });
    const problem = assertClearRefusal(res, c.what);
    assert.equal(res.statusCode, 400);
    assert.ok(named(problem.errors).includes(c.want), `${c.want} not in ${named(problem.errors).join(', ')}`);
    assert.deepEqual(await rowCounts(t.db.pool), before);
  });
}
