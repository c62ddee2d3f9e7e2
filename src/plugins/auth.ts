import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashApiKey, looksLikeApiKey } from '../auth/api-key.ts';
import type { Principal } from '../auth/principal.ts';
import { AuthInvalid, AuthMissing, RoleForbidden } from '../errors.ts';
import type { Role } from '../notices/types.ts';
import { findPrincipalByKeyHash } from '../store/api-keys.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyInstance {
    /** onRequest hook: resolves the Bearer key to a principal, or answers 401. */
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}

/** Returns a preHandler that answers 403 unless the caller has one of `roles`. */
export function requireRole(roles: readonly Role[], action: string) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!roles.includes(request.principal.role)) throw new RoleForbidden(request.principal.role, action);
  };
}

async function authPlugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header) throw new AuthMissing();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match?.[1];
    if (!key || !looksLikeApiKey(key)) throw new AuthInvalid();
    const principal = await findPrincipalByKeyHash(app.pg, hashApiKey(key));
    if (!principal) throw new AuthInvalid();
    request.principal = principal;
    request.log = request.log.child({ tenant: principal.tenantSlug, keyId: principal.keyId });
  });
}

export default fp(authPlugin, { name: 'herald-auth', fastify: '5.x', dependencies: ['herald-postgres'] });
