import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.ts';
import type { ResolvedSession } from '../store/web-sessions.ts';
import { isLang, type Lang } from './i18n/index.ts';

/** Remembers the language chosen before signing in (a signed-in user's choice is stored on the user). */
export const LANG_COOKIE = 'herald_lang';

/** What every signed-in page is rendered with. */
export interface WebContext {
  principal: Principal;
  lang: Lang;
  csrfToken: string;
  tenantName: string;
}

/** The sign-in and error pages of a visitor who is not signed in. */
export interface AnonymousContext {
  principal: null;
  lang: Lang;
  csrfToken: string;
  tenantName: null;
}

export type PageContext = WebContext | AnonymousContext;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the web plugin's onRequest hook for every /app request (unset if that hook failed). */
    web?: { session: ResolvedSession | null };
  }
}

/** The user's own choice, else the browser's cookie, else the tenant's language, else the browser's, else bokmål. */
export function languageOf(request: FastifyRequest): Lang {
  const session = request.web?.session;
  if (session && isLang(session.language)) return session.language;
  const cookie = request.cookies[LANG_COOKIE];
  if (isLang(cookie)) return cookie;
  const tenantLanguage = session ? request.server.directory.get(session.principal.tenantSlug)?.tenant.language : undefined;
  if (tenantLanguage) return tenantLanguage;
  const header = request.headers['accept-language'] ?? '';
  const preferred = /^\s*(nb|nn|no|en)\b/i.exec(header)?.[1]?.toLowerCase();
  if (preferred === 'nn' || preferred === 'en') return preferred;
  return 'nb';
}

/** The context of a page behind sign-in (the plugin has made sure there is a session). */
export function webContext(request: FastifyRequest, reply: FastifyReply): WebContext {
  const session = request.web?.session;
  if (!session) throw new Error('webContext on a route without a session: mark it public or let the plugin redirect');
  return { principal: session.principal, lang: languageOf(request), csrfToken: request.server.sessions.csrfToken(request, reply), tenantName: session.tenantName };
}

/** The context of a page anyone may see: signed in or not. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  if (request.web?.session) return webContext(request, reply);
  return { principal: null, lang: languageOf(request), csrfToken: request.server.sessions.csrfToken(request, reply), tenantName: null };
}
