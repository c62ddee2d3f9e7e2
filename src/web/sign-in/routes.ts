import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decoyHash, verifyPassword } from '../../auth/password.ts';
import { SignInThrottle } from '../../auth/sign-in-throttle.ts';
import { findSignInCandidate } from '../../store/web-users.ts';
import { pageContext, type AnonymousContext } from '../context.ts';
import { t } from '../i18n/index.ts';
import { safeNext } from '../next.ts';
import { providerLabel } from '../oidc/routes.ts';
import type { WebOptions } from '../options.ts';
import { signInPage, type SignInView } from './page.ts';
import { sendPage } from '../send-page.ts';

interface SignInBody {
  email?: unknown;
  password?: unknown;
  next?: unknown;
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** Local sign-in and sign-out. Every failure gets the same words, whether the account exists or not. */
export default async function signInRoutes(app: FastifyInstance, opts: WebOptions): Promise<void> {
  const throttle = new SignInThrottle(app.redis, opts.keyPrefix);

  const singleSignOn = app.directory
    .tenants()
    .filter((tenant) => tenant.singleSignOn)
    .map((tenant) => ({ slug: tenant.slug, label: providerLabel(tenant) }));
  const show = (request: FastifyRequest, reply: FastifyReply, status: number, view: SignInView) => {
    const ctx = pageContext(request, reply) as AnonymousContext;
    return sendPage(reply, status, signInPage(ctx, { ...view, singleSignOn }));
  };

  app.get<{ Querystring: { next?: string; reason?: string } }>('/sign-in', { config: { public: true } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.web?.session) return reply.redirect(next, 303);
    const lang = pageContext(request, reply).lang;
    const reason = request.query.reason;
    const message =
      reason === 'signed-out' ? t(lang, 'signin.signedOut') : reason === 'expired' ? t(lang, 'signin.expired') : undefined;
    return show(request, reply, 200, { next, ...(message ? { message: { kind: 'info' as const, text: message } } : {}) });
  });

  app.post<{ Body: SignInBody | undefined }>('/sign-in', { config: { public: true } }, async (request, reply) => {
    const body = request.body ?? {};
    const email = text(body.email, 254).trim();
    const password = text(body.password, 1024);
    const next = safeNext(body.next);
    const lang = pageContext(request, reply).lang;

    const waitMs = await throttle.waitMs(email, request.ip);
    if (waitMs > 0) {
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      void reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
      return show(request, reply, 429, { next, email, message: { kind: 'error', text: t(lang, 'signin.throttled', { minutes }) } });
    }
    const candidate = email && password ? await findSignInCandidate(app.pg, email) : null;
    // An unknown account still costs one scrypt, so the answer's timing does not tell it apart.
    const ok = await verifyPassword(password, candidate?.passwordHash ?? (await decoyHash()));
    if (!candidate?.passwordHash || !ok) {
      await throttle.failed(email, request.ip);
      request.log.info({ event: 'web.sign-in.failed' }, 'sign-in refused');
      return show(request, reply, 401, { next, email, message: { kind: 'error', text: t(lang, 'signin.failed') } });
    }
    await throttle.succeeded(email, request.ip);
    await app.sessions.start(request, reply, candidate.id);
    request.log.info({ event: 'web.sign-in', userId: candidate.id }, 'signed in');
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', { config: { public: true } }, async (request, reply) => {
    await app.sessions.end(request, reply);
    return reply.redirect('/app/sign-in?reason=signed-out', 303);
  });
}
