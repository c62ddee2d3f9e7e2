import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES } from '../../src/notices/types.ts';
import { setUp, type AccessContext, type Req } from './context.ts';
import { TABLE, type Row } from './table.ts';

let ctx: AccessContext;
let routes: string[];
before(async () => {
  ({ ctx, routes } = await setUp());
});
after(() => ctx.t.close());

async function send(req: Req, headers: Record<string, string>) {
  return ctx.t.app.inject({ method: req.method, url: req.url, headers, ...(req.payload && { payload: req.payload }) });
}
const bearer = (key: string | undefined): Record<string, string> => (key === undefined ? {} : { authorization: key });

test('every registered route has a row, and every row a route', () => {
  const missing = routes.filter((r) => !(r in TABLE));
  assert.deepEqual(missing, [], `routes without a row in test/access/table.ts: ${missing.join(', ')}`);
  const dead = Object.keys(TABLE).filter((r) => !routes.includes(r));
  assert.deepEqual(dead, [], `rows for routes the app does not register: ${dead.join(', ')}`);
});

/** Cells as `who → status`, compared as one table per row so a failure shows every cell at once. */
async function cells(name: string, row: Row): Promise<{ actual: Record<string, number>; expected: Record<string, number> }> {
  const actual: Record<string, number> = {};
  const expected: Record<string, number> = {};
  const check = async (who: string, want: number, headers: Record<string, string>, assertBody?: (body: string, url: string, location: string) => void) => {
    const req = await row.req(ctx);
    const res = await send(req, headers);
    actual[who] = res.statusCode;
    expected[who] = want;
    assertBody?.(res.body, req.url, res.headers.location ?? '');
  };
  const hidesOthers = (role: string) => (body: string, url: string) => {
    // The id the caller sent may come back in `instance`; no other one may.
    for (const id of ctx.secrets) if (!url.includes(id)) assert.ok(!body.includes(id), `${name}: another municipality's caller (${role}) was shown notice ${id}`);
  };
  if (row.kind === 'public') {
    await check('anyone', row.status, {});
    return { actual, expected };
  }
  if (row.kind === 'app') {
    const session = ctx.session;
    if (!session) throw new Error(`${name}: web app rows need AccessContext.session (the web app's sign-in)`);
    await check('no session', 303, {}, (_body, _url, location) => {
      assert.match(location, /sign-?in|logg-?inn/i, `${name}: redirected to ${location}`);
    });
    for (const role of ROLES) {
      await check(`own ${role}`, row.own[role], await session('asnes', role));
      await check(`other ${role}`, row.other[role], await session('karasjok', role), hidesOthers(role));
    }
    return { actual, expected };
  }
  await check('no key', 401, {});
  await check('revoked key', 401, bearer(`Bearer ${ctx.revoked}`));
  await check('malformed key', 401, bearer('Bearer hrld_not-a-key'));
  await check('operator key', row.operator ?? 401, bearer(`Bearer ${ctx.operator}`));
  for (const role of ROLES) {
    await check(`own ${role}`, row.own[role], bearer(`Bearer ${ctx.own[role]}`));
    await check(`other ${role}`, row.other[role], bearer(`Bearer ${ctx.other[role]}`), hidesOthers(role));
  }
  return { actual, expected };
}

describe('access: every route × role × own/other municipality × no/revoked/malformed/operator key', () => {
  for (const [name, row] of Object.entries(TABLE)) {
    test(name, async () => {
      const { actual, expected } = await cells(name, row);
      assert.deepEqual(actual, expected);
    });
  }
});
