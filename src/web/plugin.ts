import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { CsrfRefused } from '../errors.ts';
import { ASSETS_DIR } from './assets.ts';
import { UPLOAD_MAX_BYTES } from './notice-form/upload.ts';
import { safeNext } from './next.ts';
import type { WebOptions } from './options.ts';
import { sendErrorPage } from './error-page.ts';
import { webRoutes } from './routes.ts';
import { setSecurityHeaders } from './security-headers.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A web route anyone may reach without signing in (sign-in, language, assets). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token a request carries: the `x-csrf-token` header or the form's `_csrf` field. */
function submittedToken(request: FastifyRequest): unknown {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body;
  const field = body && typeof body === 'object' && '_csrf' in body ? body._csrf : undefined;
  // Multipart bodies (attachFieldsToBody) carry fields as { value }.
  if (field && typeof field === 'object' && 'value' in field) return field.value;
  return field;
}

/**
 * The web app under /app: server-rendered pages on the same principals, roles and tenant checks as
 * the API. Resolves the session cookie, sends the signed-out to the sign-in page, refuses any change
 * without the CSRF token, answers errors as HTML pages, and sets strict security headers.
 */
export default async function webPlugin(app: FastifyInstance, opts: WebOptions): Promise<void> {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Image uploads on the notice form; registered before the CSRF hook so that hook sees the fields.
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: UPLOAD_MAX_BYTES, files: 20, fields: 1000, fieldSize: 256 * 1024 } });
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', decorateReply: false, maxAge: '365d', immutable: true, index: false });

  app.addHook('onRequest', async (request, reply) => {
    const session = await app.sessions.resolve(request);
    request.web = { session };
    if (session) {
      request.principal = session.principal;
      request.log = request.log.child({ tenant: session.principal.tenantSlug, sessionId: session.sessionId });
      return;
    }
    if (request.routeOptions.config.public || request.url.startsWith('/app/assets/')) return;
    const expired = request.cookies[SESSION_COOKIE] !== undefined;
    const next = SAFE_METHODS.has(request.method) ? request.url : '/app';
    const query = new URLSearchParams({ next: safeNext(next), ...(expired ? { reason: 'expired' } : {}) });
    return reply.redirect(`/app/sign-in?${query.toString()}`, 303);
  });

  // After the body is parsed, before any handler: every change carries the CSRF token.
  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!app.sessions.csrfValid(request, submittedToken(request))) throw new CsrfRefused();
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    setSecurityHeaders(reply);
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.validation ? 400 : (error.statusCode ?? 500);
    if (status >= 500 && status !== 503) request.log.error({ err: error }, 'web page failed');
    else request.log.info({ err: error }, 'web request refused');
    // A client error names what was wrong (the API's items: path and rule), as the API would.
    const items = (error as { errors?: { path: string; message: string }[] }).errors ?? [];
    const detail = [error.message, ...items.map((e) => `${e.path}: ${e.message}`)].join(' ');
    return sendErrorPage(request, reply, status, { code: error.code, detail });
  });
  app.setNotFoundHandler((request, reply) => sendErrorPage(request, reply, 404));

  // Not `opts` itself: it carries the `/app` prefix, which the children would add a second time.
  const routeOptions: WebOptions = { keyPrefix: opts.keyPrefix, sealKey: opts.sealKey, noarkFormat: opts.noarkFormat, secretKey: opts.secretKey, webRoot: opts.webRoot };
  for (const route of webRoutes) await app.register(route, routeOptions);
}
