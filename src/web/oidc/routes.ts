import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OidcSignIn } from '../../auth/oidc.ts';
import type { Tenant } from '../../config/tenant-types.ts';
import { userForOidcIdentity } from '../../store/web-users.ts';
import { pageContext } from '../context.ts';
import { safeNext } from '../next.ts';
import type { WebOptions } from '../options.ts';
import { failedPage, unknownUserPage } from './pages.ts';
import { sendPage } from '../send-page.ts';

/** Binds a sign-in to the browser that started it: the callback must come back with this cookie. */
const STATE_COOKIE = 'herald_oidc';
const CALLBACK_PATH = '/app/sign-in/oidc/callback';

/** The label of a tenant's single sign-on button. */
export function providerLabel(tenant: Tenant): string {
  return tenant.singleSignOn?.label ?? tenant.name;
}

/** Single sign-on through each tenant's OpenID provider (configured in its tenant file). */
export default async function oidcRoutes(app: FastifyInstance, opts: WebOptions): Promise<void> {
  const oidc = new OidcSignIn(app.redis, opts.keyPrefix);
  const cookieOptions = (request: FastifyRequest) => ({
    path: '/app/sign-in/oidc',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.sessions.options.cookieSecure || request.protocol === 'https',
    maxAge: 600,
  });

  app.get<{ Params: { tenant: string }; Querystring: { next?: string } }>('/sign-in/oidc/:tenant', { config: { public: true } }, async (request, reply) => {
    const tenant = app.directory.get(request.params.tenant)?.tenant;
    if (!tenant?.singleSignOn) {
      reply.callNotFound();
      return reply;
    }
    // Normalized as a URL (no default port), as openid-client rebuilds it for the token request.
    const redirectUri = new URL(CALLBACK_PATH, `${request.protocol}://${request.host}`).href;
    const { url, state } = await oidc.start(tenant.slug, tenant.singleSignOn, redirectUri, safeNext(request.query.next));
    void reply.setCookie(STATE_COOKIE, state, cookieOptions(request));
    return reply.redirect(url.href, 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/sign-in/oidc/callback', { config: { public: true } }, async (request, reply) => {
    const state = request.query.state ?? '';
    const bound = request.cookies[STATE_COOKIE];
    void reply.clearCookie(STATE_COOKIE, { path: '/app/sign-in/oidc' });
    const pending = state && bound === state ? await oidc.take(state) : null;
    const tenant = pending ? app.directory.get(pending.tenant)?.tenant : undefined;
    const sso = tenant?.singleSignOn;
    if (!pending || !tenant || !sso) {
      request.log.info({ event: 'web.oidc.refused', reason: 'unknown or replayed state' }, 'single sign-on refused');
      return sendPage(reply, 400, failedPage(pageContext(request, reply), 'OpenID Connect'));
    }
    const provider = providerLabel(tenant);
    if (request.query.error !== undefined) {
      request.log.info({ event: 'web.oidc.refused', reason: request.query.error }, 'the provider answered an error');
      return sendPage(reply, 400, failedPage(pageContext(request, reply), provider));
    }
    let claims;
    try {
      claims = await oidc.finish(pending, sso, new URL(request.url, 'http://x').search);
    } catch (error) {
      request.log.warn({ event: 'web.oidc.refused', err: error }, 'the code exchange or ID token check failed');
      return sendPage(reply, 400, failedPage(pageContext(request, reply), provider));
    }
    const claimed = claims[sso.emailClaim];
    // A provider that says the address is unverified does not get to match on it.
    const email = typeof claimed === 'string' && claims.email_verified !== false ? claimed : null;
    const name = typeof claims.name === 'string' ? claims.name : null;
    const userId = await userForOidcIdentity(app.pg, { tenantSlug: tenant.slug, issuer: claims.iss, subject: claims.sub, email, name }, sso.provisionRole);
    if (!userId) {
      request.log.info({ event: 'web.oidc.unknown-user', tenant: tenant.slug }, 'single sign-on of an unknown user');
      return sendPage(reply, 403, unknownUserPage(pageContext(request, reply), { provider, email: email ?? claims.sub, tenant: tenant.name }));
    }
    await app.sessions.start(request, reply, userId);
    request.log.info({ event: 'web.sign-in', userId, via: 'oidc' }, 'signed in');
    return reply.redirect(pending.next, 303);
  });
}
