import type pg from 'pg';
import type { Role } from '../notices/types.ts';

export interface SignInCandidate {
  id: string;
  passwordHash: string | null;
}

/** The active user with this login e-mail (case-insensitive), or null. */
export async function findSignInCandidate(pool: pg.Pool, email: string): Promise<SignInCandidate | null> {
  const { rows } = await pool.query<SignInCandidate>(
    `SELECT id, password_hash AS "passwordHash" FROM users
      WHERE lower(login_email) = lower($1) AND disabled_at IS NULL`,
    [email],
  );
  return rows[0] ?? null;
}

export interface NewWebUser {
  tenantSlug: string;
  role: Role;
  name: string;
  loginEmail: string;
  /** Null: the user signs in through the tenant's OpenID provider only. */
  passwordHash: string | null;
}

/** Creates a user who can sign in to the web app; throws on an unknown tenant. */
export async function insertWebUser(pool: pg.Pool, input: NewWebUser): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO users (tenant_id, name, role, login_email, password_hash, email)
     SELECT id, $2, $3, $4, $5, $4 FROM tenants WHERE slug = $1
     RETURNING id`,
    [input.tenantSlug, input.name, input.role, input.loginEmail, input.passwordHash],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`unknown tenant "${input.tenantSlug}"`);
  return id;
}

/** Sets a user's password by login e-mail within a tenant; returns the user's id, or null if none. */
export async function setPasswordByEmail(pool: pg.Pool, tenantSlug: string, email: string, passwordHash: string): Promise<string | null> {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE users u SET password_hash = $3 FROM tenants t
      WHERE t.id = u.tenant_id AND t.slug = $1 AND lower(u.login_email) = lower($2)
      RETURNING u.id`,
    [tenantSlug, email, passwordHash],
  );
  return rows[0]?.id ?? null;
}

export async function setUserLanguage(pool: pg.Pool, userId: string, language: string): Promise<void> {
  await pool.query('UPDATE users SET language = $2 WHERE id = $1', [userId, language]);
}
