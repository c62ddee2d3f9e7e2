import type { Role } from '../notices/types.ts';

/** Who is calling: resolved from an API key (or, later, a web session). */
export interface Principal {
  keyId: string;
  userId: string;
  userName: string;
  role: Role;
  tenantId: string;
  tenantSlug: string;
}
