import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { WebAccount } from './accounts.ts';

/** The `name=value` pairs a response sets, by cookie name. */
export function cookiesOf(res: LightMyRequestResponse): Map<string, string> {
  const header = res.headers['set-cookie'];
  const list = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return new Map(list.map((c) => {
    const pair = c.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
}

/** The page's CSRF token (the hidden `_csrf` field or the meta tag). */
export function csrfOf(body: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? /name="csrf-token" content="([^"]+)"/.exec(body)?.[1];
  if (!token) throw new Error('no CSRF token in the page');
  return token;
}

/** A browser's cookie jar, just enough for inject: remembers what responses set. */
export class Jar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const [k, v] of cookiesOf(res)) {
      if (v === '') this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }
}

/** GET as this jar's browser. */
export async function get(app: FastifyInstance, jar: Jar, url: string): Promise<LightMyRequestResponse> {
  return jar.take(await app.inject({ method: 'GET', url, headers: { cookie: jar.header() } }));
}

/** POST a form as this jar's browser. */
export async function postForm(app: FastifyInstance, jar: Jar, url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
  return jar.take(
    await app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() }),
  );
}

/** Signs in through the form; returns the jar (holding the session) and the response to the POST. */
export async function signIn(app: FastifyInstance, account: Pick<WebAccount, 'email' | 'password'>, jar = new Jar()): Promise<{ jar: Jar; res: LightMyRequestResponse }> {
  const form = await get(app, jar, '/app/sign-in');
  const res = await postForm(app, jar, '/app/sign-in', { _csrf: csrfOf(form.body), email: account.email, password: account.password, next: '/app' });
  return { jar, res };
}
