import type { FastifyInstance, FastifyRequest } from 'fastify';
import pg from 'pg';
import fp from 'fastify-plugin';
import { hashApiKey, looksLikeApiKey } from '../auth/api-key.ts';
import { KeyCache } from '../auth/key-cache.ts';
import type { Principal } from '../auth/principal.ts';
import { AuthInvalid, AuthMissing, CsrfRefused, RoleForbidden } from '../errors.ts';
import type { Role } from '../notices/types.ts';
import { findPrincipalByKeyHash, KEY_REVOCATIONS } from '../store/api-keys.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyInstance {
    /** onRequest hook: resolves the Bearer key (or else the web session cookie) to a principal, or answers 401. */
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Returns a preHandler that answers 403 unless the caller has one of `roles`. */
export function requireRole(roles: readonly Role[], action: string) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!roles.includes(request.principal.role)) throw new RoleForbidden(request.principal.role, action);
  };
}

export interface AuthPluginOptions {
  /** How long a resolved key is trusted without asking PostgreSQL (revocations evict at once). @defaultValue 60 000 */
  keyCacheTtlMs?: number;
}

/**
 * Keeps the key cache in step with revocations on a connection of its own (a LISTEN must not go
 * back to the pool); while not listening, the cache is off.
 */
async function listenForRevocations(app: FastifyInstance, cache: KeyCache): Promise<void> {
  let current: pg.Client | undefined;
  let closing = false;
  const start = async (): Promise<void> => {
    const client = new pg.Client(app.pg.options);
    let lost = false;
    const reconnect = (): void => {
      if (lost) return;
      lost = true;
      cache.live = false;
      if (current === client) current = undefined;
      client.end().catch(() => undefined);
      if (!closing) setTimeout(() => void start(), 1000).unref();
    };
    client.on('notification', (message) => {
      if (message.payload) cache.evict(message.payload);
    });
    client.on('error', reconnect);
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_REVOCATIONS}`);
      current = client;
      cache.live = true;
    } catch {
      reconnect();
    }
  };
  app.addHook('onReady', start);
  app.addHook('preClose', async () => {
    closing = true;
    cache.live = false;
    await current?.end().catch(() => undefined);
  });
}

async function authPlugin(app: FastifyInstance, opts: AuthPluginOptions): Promise<void> {
  const cache = new KeyCache(opts.keyCacheTtlMs ?? 60_000);
  await listenForRevocations(app, cache);
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header) {
      // The web app's browser calls the API with its session cookie; a change needs the CSRF header.
      const session = await app.sessions.resolve(request);
      if (!session) throw new AuthMissing();
      if (!SAFE_METHODS.has(request.method) && !app.sessions.csrfValid(request, request.headers['x-csrf-token'])) throw new CsrfRefused();
      request.principal = session.principal;
      request.log = request.log.child({ tenant: session.principal.tenantSlug, sessionId: session.sessionId });
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match?.[1];
    if (!key || !looksLikeApiKey(key)) throw new AuthInvalid();
    const hash = hashApiKey(key);
    const hex = hash.toString('hex');
    const principal = cache.get(hex) ?? (await findPrincipalByKeyHash(app.pg, hash));
    if (!principal) throw new AuthInvalid();
    cache.set(hex, principal);
    request.principal = principal;
    request.log = request.log.child({ tenant: principal.tenantSlug, keyId: principal.keyId });
  });
}

export default fp(authPlugin, { name: 'herald-auth', fastify: '5.x', dependencies: ['herald-postgres', 'herald-sessions'] });
