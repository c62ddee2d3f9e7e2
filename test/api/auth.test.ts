import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Role } from '../../src/notices/types.ts';
import { revokeApiKey } from '../../src/store/api-keys.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => {
  await t.close();
});

const post = (key: string | undefined, payload: object) =>
  t.app.inject({ method: 'POST', url: '/v1/notices', headers: key ? { authorization: `Bearer ${key}` } : {}, payload });

describe('keys', () => {
  test('no key: 401 problem naming the header', async () => {
    const res = await post(undefined, example('vacancy'));
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.json<{ type: string }>().type, '/docs/errors#herald_err_auth_missing');
  });

  test('an unknown or malformed key: 401', async () => {
    for (const key of ['nonsense', `hrld_${'A'.repeat(43)}`]) {
      const res = await post(key, example('vacancy'));
      assert.equal(res.statusCode, 401, key);
      assert.equal(res.json<{ type: string }>().type, '/docs/errors#herald_err_auth_invalid');
    }
  });

  test('a revoked key stops working at once', async () => {
    const key = await t.key('asnes', 'hr');
    assert.equal((await t.app.inject({ url: '/v1/notices', headers: { authorization: `Bearer ${key}` } })).statusCode, 200);
    const prefix = key.slice(0, 13);
    assert.equal(await revokeApiKey(t.db.pool, 'asnes', prefix), 1);
    // Every API process hears the revocation by NOTIFY at commit: within milliseconds, never later.
    const started = Date.now();
    const status = async () => (await t.app.inject({ url: '/v1/notices', headers: { authorization: `Bearer ${key}` } })).statusCode;
    while ((await status()) !== 401) {
      assert.ok(Date.now() - started < 1000, 'the revoked key still worked after a second');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (let i = 0; i < 3; i++) assert.equal(await status(), 401);
  });

  test('health and docs need no key', async () => {
    assert.equal((await t.app.inject({ url: '/health/live' })).statusCode, 200);
    const ready = await t.app.inject({ url: '/health/ready' });
    assert.equal(ready.statusCode, 200);
    // No Facebook Page token is set here: readiness says so without making Herald unready.
    const body = ready.json<{ queues: Record<string, { status: string }> }>();
    assert.deepEqual({ ...body, queues: undefined }, { status: 'ready', checks: { postgres: 'up', redis: 'up' }, queues: undefined, channels: { facebook: { asnes: 'needs-token', karasjok: 'needs-token' } } });
    // No worker runs in this test: every queue says so, and Herald is still ready to take notices.
    assert.deepEqual(Object.values(body.queues).map((q) => q.status), ['no-workers', 'no-workers', 'no-workers', 'no-workers', 'no-workers']);
    const docs = await t.app.inject({ url: '/docs/json' });
    assert.equal(docs.statusCode, 200);
    assert.ok(docs.json<{ paths: Record<string, unknown> }>().paths['/v1/notices']);
  });
});

describe('roles', () => {
  // Who may submit what: the rule files' submitRoles.
  const matrix: Record<Role, { vacancy: number; plan: number; meeting: number; event: number; announcement: number }> = {
    hr: { vacancy: 201, plan: 403, meeting: 403, event: 403, announcement: 403 },
    communications: { vacancy: 201, plan: 201, meeting: 201, event: 201, announcement: 201 },
    archivist: { vacancy: 403, plan: 403, meeting: 403, event: 403, announcement: 403 },
    admin: { vacancy: 201, plan: 201, meeting: 201, event: 201, announcement: 201 },
  };
  for (const [role, expected] of Object.entries(matrix) as [Role, Record<string, number>][]) {
    test(`${role} submits exactly what its role allows`, async () => {
      const key = await t.key('asnes', role);
      for (const [type, status] of Object.entries(expected)) {
        const notice = example(type === 'plan' ? 'plan-ettersyn' : (type as 'vacancy'));
        const res = await post(key, notice);
        assert.equal(res.statusCode, status, `${role} → ${type}: ${res.body}`);
        if (status === 403) assert.equal(res.json<{ type: string }>().type, '/docs/errors#herald_err_auth_role');
      }
      const list = await t.app.inject({ url: '/v1/notices', headers: { authorization: `Bearer ${key}` } });
      assert.equal(list.statusCode, 200, `${role} may list`);
    });
  }

  test('a refused role leaves no row behind', async () => {
    const key = await t.key('asnes', 'archivist');
    const before = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM notices');
    assert.equal((await post(key, example('announcement'))).statusCode, 403);
    const afterwards = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM notices');
    assert.equal(afterwards.rows[0]?.n, before.rows[0]?.n);
  });
});

describe('tenants', () => {
  test("a key never sees another municipality's notices: 404, not 403", async () => {
    const asnes = await t.key('asnes', 'communications');
    const karasjok = await t.key('karasjok', 'admin');
    const created = await post(asnes, example('announcement'));
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<{ id: string }>().id;

    const own = await t.app.inject({ url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${asnes}` } });
    assert.equal(own.statusCode, 200);
    const other = await t.app.inject({ url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${karasjok}` } });
    assert.equal(other.statusCode, 404);
    assert.equal(other.json<{ type: string }>().type, '/docs/errors#herald_err_not_found');

    const list = await t.app.inject({ url: '/v1/notices?limit=200', headers: { authorization: `Bearer ${karasjok}` } });
    const ids = list.json<{ items: { id: string }[] }>().items.map((n) => n.id);
    assert.ok(!ids.includes(id));
  });

  test('rules are served with the caller tenant overrides applied', async () => {
    const asnes = await t.key('asnes', 'hr');
    const karasjok = await t.key('karasjok', 'hr');
    type Rules = { rules: { type: string; version: string; checks: { id: string; params: { days?: number } }[] }[] };
    const days = async (key: string) => {
      const res = await t.app.inject({ url: '/v1/rules', headers: { authorization: `Bearer ${key}` } });
      assert.equal(res.statusCode, 200);
      const vacancy = res.json<Rules>().rules.find((r) => r.type === 'vacancy');
      assert.match(vacancy?.version ?? '', /^[0-9a-f]{64}$/);
      return vacancy?.checks.find((c) => c.id === 'vacancy.deadline')?.params.days;
    };
    assert.equal(await days(asnes), 21);
    assert.equal(await days(karasjok), 14);
  });
});
