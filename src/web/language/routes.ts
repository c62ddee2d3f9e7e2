import type { FastifyInstance } from 'fastify';
import { setUserLanguage } from '../../store/web-users.ts';
import { LANG_COOKIE } from '../context.ts';
import { isLang } from '../i18n/index.ts';
import { safeNext } from '../next.ts';

/** The language switch: remembered on the user when signed in, and in a cookie for this browser. */
export default async function languageRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: { lang?: unknown; next?: unknown } | undefined }>('/language', { config: { public: true } }, async (request, reply) => {
    const lang = request.body?.lang;
    const next = safeNext(request.body?.next);
    if (!isLang(lang)) return reply.redirect(next, 303);
    const session = request.web?.session;
    if (session) await setUserLanguage(app.pg, session.principal.userId, lang);
    void reply.setCookie(LANG_COOKIE, lang, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600, secure: app.sessions.options.cookieSecure || request.protocol === 'https' });
    return reply.redirect(next, 303);
  });
}
