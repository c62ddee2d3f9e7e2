import type pg from 'pg';
import { hashPassword } from '../../src/auth/password.ts';
import type { Role } from '../../src/notices/types.ts';
import { insertWebUser } from '../../src/store/web-users.ts';

export interface WebAccount {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  tenant: string;
}

/** A web user with a known password (as `npm run users -- create` makes one). */
export async function createWebAccount(pool: pg.Pool, tenant: string, role: Role, name = `${role} of ${tenant}`): Promise<WebAccount> {
  const email = `${role}.${Math.random().toString(36).slice(2, 8)}@${tenant}.example`;
  const password = `pw-${role}-${tenant}-secret`;
  const id = await insertWebUser(pool, { tenantSlug: tenant, role, name, loginEmail: email, passwordHash: await hashPassword(password) });
  return { id, email, password, name, role, tenant };
}
