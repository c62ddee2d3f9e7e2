import { randomBytes } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import { revokeApiKey } from '../../src/store/api-keys.ts';
import { ROLES, type Role } from '../../src/notices/types.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { createWebAccount } from '../web/accounts.ts';

/** One request of a cell. */
export interface Req {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: object;
}

/** What every row may ask for: fresh resources in Åsnes (the callers' own municipality). */
export interface AccessContext {
  t: TestApp;
  /** Åsnes keys per role; `other` are Karasjok's, asking for Åsnes's resources. */
  own: Record<Role, string>;
  other: Record<Role, string>;
  revoked: string;
  /** The deployment operator's key (HERALD_OPERATOR_KEY): it opens the queue dashboard and nothing else. */
  operator: string;
  /** Ids that a caller from another municipality must never see in any answer. */
  secrets: Set<string>;
  /** A scheduled announcement submitted by a communications officer who is not one of the callers. */
  announcement(): Promise<string>;
  /** A plan hearing awaiting approval, submitted by that same officer (so every caller is a second user). */
  planAwaitingApproval(): Promise<string>;
  /** A withdrawn announcement. */
  withdrawn(): Promise<string>;
  /**
   * The web app's session for a user of `tenant` with `role`, as the headers (cookie) a signed-in
   * browser sends. The web app branch fills this in with its sign-in; until then no /app route exists.
   */
  session?: (tenant: 'asnes' | 'karasjok', role: Role) => Promise<Record<string, string>>;
}

export interface AccessSetup {
  ctx: AccessContext;
  /** `METHOD url` of every route the app registered (HEAD routes that mirror a GET left out). */
  routes: string[];
}

export async function setUp(): Promise<AccessSetup> {
  const routes: string[] = [];
  const onRoute = (route: RouteOptions) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  };
  const operator = randomBytes(32).toString('hex');
  const t = await buildTestApp({ onRoute, operatorKey: operator });
  const keys = async (tenant: string) => Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await t.key(tenant, role)]))) as Record<Role, string>;
  const own = await keys('asnes');
  const other = await keys('karasjok');
  const revoked = await t.key('asnes', 'admin', 'Revoked Admin');
  await revokeApiKey(t.db.pool, 'asnes', revoked.slice(0, 13));
  const submitter = await t.key('asnes', 'communications', 'Submitter');
  const secrets = new Set<string>();
  const submit = async (payload: object): Promise<string> => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/notices', headers: { authorization: `Bearer ${submitter}` }, payload });
    if (res.statusCode !== 201) throw new Error(`setting up: ${res.statusCode} ${res.body}`);
    const id = res.json<{ id: string }>().id;
    secrets.add(id);
    return id;
  };
  const cookiesOf = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat().map((c) => c.split(';')[0]).join('; ');
  const sessions = new Map<string, Record<string, string>>();
  /** Signs a web user in as a browser would: the sign-in page's cookie and CSRF token, then the form. */
  const session = async (tenant: 'asnes' | 'karasjok', role: Role): Promise<Record<string, string>> => {
    const known = sessions.get(`${tenant} ${role}`);
    if (known) return known;
    const account = await createWebAccount(t.db.pool, tenant, role);
    const page = await t.app.inject({ method: 'GET', url: '/app/sign-in' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const form = new URLSearchParams({ _csrf: csrf, email: account.email, password: account.password }).toString();
    const res = await t.app.inject({ method: 'POST', url: '/app/sign-in', headers: { cookie: cookiesOf(page.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
    if (res.statusCode !== 303) throw new Error(`signing in ${role} of ${tenant}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    const headers = { cookie: [cookiesOf(page.headers['set-cookie']), cookiesOf(res.headers['set-cookie'])].join('; ') };
    sessions.set(`${tenant} ${role}`, headers);
    return headers;
  };
  const ctx: AccessContext = {
    t,
    session,
    own,
    other,
    revoked,
    operator,
    secrets,
    announcement: () => submit(example('announcement')),
    planAwaitingApproval: () => submit(example('plan-ettersyn')),
    async withdrawn() {
      const id = await submit(example('announcement'));
      await t.app.inject({ method: 'POST', url: `/v1/notices/${id}/withdraw`, headers: { authorization: `Bearer ${submitter}` }, payload: { reason: 'Avlyst' } });
      return id;
    },
  };
  // Fastify adds a HEAD beside every GET: it answers as the GET does.
  const listed = routes.filter((r) => !(r.startsWith('HEAD ') && routes.includes(r.replace(/^HEAD/, 'GET'))));
  return { ctx, routes: [...new Set(listed)].sort() };
}
