import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { WebAccount } from './accounts.ts';

/** A signed-in browser as app.inject sees it: the session cookie and the page's CSRF token. */
export interface InjectSession {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form: URLSearchParams | Record<string, string>, opts?: { csrf?: boolean }): Promise<LightMyRequestResponse>;
  /** The same as multipart/form-data, with files (as a browser sends the notice form). */
  postMultipart(url: string, form: URLSearchParams, files: Record<string, { name: string; type: string; bytes: Buffer }>): Promise<LightMyRequestResponse>;
}

function multipartBody(form: URLSearchParams, files: Record<string, { name: string; type: string; bytes: Buffer }>): { boundary: string; body: Buffer } {
  const boundary = `----herald${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of form) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, file] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, body: Buffer.concat(parts) };
}

function cookiesOf(response: LightMyRequestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

function csrfIn(body: string): string {
  const token = /name="csrf-token" content="([^"]+)"/.exec(body)?.[1] ?? /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** Signs in through the real sign-in form, as a browser would. */
export async function signInInject(app: FastifyInstance, account: WebAccount): Promise<InjectSession> {
  const form = await app.inject({ method: 'GET', url: '/app/sign-in' });
  const anonymous = cookiesOf(form);
  const signedIn = await app.inject({
    method: 'POST',
    url: '/app/sign-in',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email: account.email, password: account.password, _csrf: csrfIn(form.body), next: '/app' }).toString(),
  });
  if (signedIn.statusCode !== 303) throw new Error(`sign-in answered ${signedIn.statusCode}`);
  const cookie = cookiesOf(signedIn);
  const home = await app.inject({ method: 'GET', url: '/app', headers: { cookie } });
  const csrf = csrfIn(home.body);
  return {
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, fields, opts = {}) => {
      const body = new URLSearchParams(fields);
      if (opts.csrf !== false) body.set('_csrf', csrf);
      return app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    },
    postMultipart: (url, form, files) => {
      const fields = new URLSearchParams(form);
      fields.set('_csrf', csrf);
      const { boundary, body } = multipartBody(fields, files);
      return app.inject({ method: 'POST', url, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    },
  };
}

/** A notice as the form's fields: each value at its JSON pointer, lists of text one per line. */
export function formFields(notice: object): URLSearchParams {
  const out = new URLSearchParams();
  const walk = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v === 'string')) {
        if (pointer === '/channels') for (const v of value) out.append(pointer, v);
        else out.append(pointer, value.join('\n'));
        return;
      }
      value.forEach((v, i) => { walk(v, `${pointer}/${i}`); });
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${k}`);
      return;
    }
    out.append(pointer, String(value));
  };
  walk(notice, '');
  return out;
}
