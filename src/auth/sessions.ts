import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createSession, deleteSession, resolveSession, type ResolvedSession, type SessionLimits } from '../store/web-sessions.ts';
import { csrfTokenFor, hashSessionId, looksLikeSessionId, newSessionId } from './session-id.ts';

export const SESSION_COOKIE = 'herald_session';
/** An anonymous visitor's CSRF secret (sign-in form, language switch before sign-in). */
export const ANON_CSRF_COOKIE = 'herald_csrf';

export interface SessionOptions extends SessionLimits {
  /** Always mark cookies Secure (behind a TLS-terminating proxy); otherwise only on https requests. */
  cookieSecure: boolean;
}

/** HERALD_SESSION_IDLE_MINUTES 60 and HERALD_SESSION_MAX_HOURS 12 by default: one working day. */
export const DEFAULT_SESSIONS: SessionOptions = { idleMs: 60 * 60_000, absoluteMs: 12 * 3_600_000, cookieSecure: false };

export interface Sessions {
  readonly options: SessionOptions;
  /** The request's live session, resolved once per request; null when there is none. */
  resolve(request: FastifyRequest): Promise<ResolvedSession | null>;
  /** Starts a session for `userId` and sets its cookie (any earlier session of this browser ends). */
  start(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<void>;
  end(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The CSRF token forms must carry: tied to the session, or to the anonymous cookie (set if missing). */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Whether `token` is this request's CSRF token (session or anonymous cookie). */
  csrfValid(request: FastifyRequest, token: unknown): boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    sessions: Sessions;
  }
  interface FastifyRequest {
    webSession: Promise<ResolvedSession | null> | null;
  }
}

function cookieOptions(request: FastifyRequest, options: SessionOptions, maxAgeMs: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.cookieSecure || request.protocol === 'https',
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}

async function sessionsPlugin(app: FastifyInstance, opts: Partial<SessionOptions>): Promise<void> {
  const options: SessionOptions = { ...DEFAULT_SESSIONS, ...opts };
  await app.register(cookie);
  app.decorateRequest('webSession', null);

  const sessionCookie = (request: FastifyRequest): string | undefined => {
    const value = request.cookies[SESSION_COOKIE];
    return value && looksLikeSessionId(value) ? value : undefined;
  };

  const sessions: Sessions = {
    options,
    resolve(request) {
      if (!request.webSession) {
        const id = sessionCookie(request);
        request.webSession = id ? resolveSession(app.pg, hashSessionId(id), options.idleMs) : Promise.resolve(null);
      }
      return request.webSession;
    },
    async start(request, reply, userId) {
      const old = sessionCookie(request);
      if (old) await deleteSession(app.pg, hashSessionId(old));
      const id = newSessionId();
      await createSession(app.pg, { idHash: hashSessionId(id), userId, absoluteMs: options.absoluteMs });
      void reply.setCookie(SESSION_COOKIE, id, cookieOptions(request, options, options.absoluteMs));
    },
    async end(request, reply) {
      const id = sessionCookie(request);
      if (id) await deleteSession(app.pg, hashSessionId(id));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
    csrfToken(request, reply) {
      const id = sessionCookie(request);
      if (id) return csrfTokenFor(id);
      let anon = request.cookies[ANON_CSRF_COOKIE];
      if (!anon || !looksLikeSessionId(anon)) {
        anon = newSessionId();
        request.cookies[ANON_CSRF_COOKIE] = anon;
        void reply.setCookie(ANON_CSRF_COOKIE, anon, cookieOptions(request, options, options.absoluteMs));
      }
      return csrfTokenFor(anon);
    },
    csrfValid(request, token) {
      if (typeof token !== 'string' || token.length === 0) return false;
      // Signed in, only the session's token counts; before that, the anonymous cookie's.
      const secret = sessionCookie(request) ?? request.cookies[ANON_CSRF_COOKIE];
      if (!secret || !looksLikeSessionId(secret)) return false;
      const expected = Buffer.from(csrfTokenFor(secret));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
  app.decorate('sessions', sessions);
}

export default fp(sessionsPlugin, { name: 'herald-sessions', fastify: '5.x', dependencies: ['herald-postgres'] });
