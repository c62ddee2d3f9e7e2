import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (the `oidc-provider` package, certified) on a loopback port, standing in
 * for a municipality's Entra ID or ID-porten. Its development login form takes any password; the
 * login name picks the account and is its subject.
 */

/** An account at the provider; its login name (the key it is given under) is its subject (`sub`). */
export interface FakeAccount {
  email: string;
  name: string;
  /** @defaultValue true */
  emailVerified?: boolean;
}

export interface FakeOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** By login name (what the provider's login form is given). */
  accounts: Map<string, FakeAccount>;
  close(): Promise<void>;
}

export async function startOidcProvider(opts: { redirectUris: string[]; accounts: Record<string, FakeAccount> }): Promise<FakeOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'herald-test';
  const clientSecret = 'herald-test-client-secret-not-for-production';
  const accounts = new Map(Object.entries(opts.accounts));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name }),
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The e-mail and name in the ID token itself, as Entra ID puts them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    // A first-party client: no consent screen, as a municipality configures its own apps.
    loadExistingGrant: async (ctx) => {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['fake-oidc-cookie-key-not-secret'] },
    pkce: { required: () => true },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    void handle(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * Plays the user's browser at the provider: follows the authorization URL, fills in the login form
 * as `login`, and returns the URL the provider sends the browser back to (the app's callback).
 */
export async function loginAtProvider(authorizationUrl: string, login: string, callbackPrefix: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  let url = new URL(authorizationUrl);
  let res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } });
  for (let step = 0; step < 10; step++) {
    keep(res);
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.href.startsWith(new URL(callbackPrefix).href)) return url;
      res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } });
      continue;
    }
    const page = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (res.status !== 200 || !action || !page.includes('name="login"')) throw new Error(`unexpected answer from the provider at ${url.href}: ${res.status} ${page.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    });
  }
  throw new Error('the provider never sent the browser back');
}
