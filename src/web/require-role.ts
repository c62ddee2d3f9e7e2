import type { FastifyRequest } from 'fastify';
import { RoleForbidden } from '../errors.ts';
import type { Role } from '../notices/types.ts';

/** A preHandler for web routes: a 403 page unless the signed-in user has one of `roles`. */
export function webRole(roles: readonly Role[], action: string) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!roles.includes(request.principal.role)) throw new RoleForbidden(request.principal.role, action);
  };
}
