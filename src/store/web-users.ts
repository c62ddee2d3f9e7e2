import type pg from 'pg';
import type { Role } from '../notices/types.ts';
import { KEY_REVOCATIONS } from './api-keys.ts';
import { inTransaction } from './transaction.ts';

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

export interface OidcIdentity {
  tenantSlug: string;
  issuer: string;
  subject: string;
  /** The e-mail claim, when the provider gave one (and did not mark it unverified). */
  email: string | null;
  name: string | null;
}

/**
 * The active user of this tenant an OpenID identity signs in as: the one already linked to the
 * issuer and subject, else the one whose login e-mail is the e-mail claim (linked now, so a later
 * change of e-mail at the provider keeps the same user), else — only when `provisionRole` is set — a
 * new user with that role. Null when none (unknown, or disabled).
 */
export async function userForOidcIdentity(pool: pg.Pool, identity: OidcIdentity, provisionRole?: Role): Promise<string | null> {
  const linked = await pool.query<{ id: string; disabled: boolean }>(
    `SELECT u.id, u.disabled_at IS NOT NULL AS disabled FROM users u JOIN tenants t ON t.id = u.tenant_id
      WHERE t.slug = $1 AND u.oidc_issuer = $2 AND u.oidc_subject = $3`,
    [identity.tenantSlug, identity.issuer, identity.subject],
  );
  const found = linked.rows[0];
  if (found) return found.disabled ? null : found.id;
  if (identity.email === null) return null;
  const matched = await pool.query<{ id: string }>(
    `UPDATE users u SET oidc_issuer = $2, oidc_subject = $3 FROM tenants t
      WHERE t.id = u.tenant_id AND t.slug = $1 AND lower(u.login_email) = lower($4)
        AND u.oidc_subject IS NULL AND u.disabled_at IS NULL
      RETURNING u.id`,
    [identity.tenantSlug, identity.issuer, identity.subject, identity.email],
  );
  if (matched.rows[0]) return matched.rows[0].id;
  if (!provisionRole) return null;
  const created = await pool.query<{ id: string }>(
    `INSERT INTO users (tenant_id, name, role, login_email, email, oidc_issuer, oidc_subject)
     SELECT id, $2, $3, $4, $4, $5, $6 FROM tenants WHERE slug = $1
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [identity.tenantSlug, identity.name ?? identity.email, provisionRole, identity.email, identity.issuer, identity.subject],
  );
  return created.rows[0]?.id ?? null;
}

export interface WebUserListing {
  id: string;
  name: string;
  role: Role;
  loginEmail: string | null;
  disabled: boolean;
  singleSignOn: boolean;
  hasPassword: boolean;
}

/** The tenant's users who can sign in to the web app (those with a login e-mail), by name. */
export async function listWebUsers(pool: pg.Pool, tenantId: string): Promise<WebUserListing[]> {
  const { rows } = await pool.query<WebUserListing>(
    `SELECT id, name, role, login_email AS "loginEmail", disabled_at IS NOT NULL AS disabled,
            oidc_subject IS NOT NULL AS "singleSignOn", password_hash IS NOT NULL AS "hasPassword"
       FROM users WHERE tenant_id = $1 AND login_email IS NOT NULL ORDER BY lower(name), id`,
    [tenantId],
  );
  return rows;
}

/** Sets the password of a user of this tenant; false when the tenant has no such user. */
export async function setUserPassword(pool: pg.Pool, tenantId: string, userId: string, passwordHash: string): Promise<boolean> {
  const { rowCount } = await pool.query('UPDATE users SET password_hash = $3 WHERE id = $2 AND tenant_id = $1 AND login_email IS NOT NULL', [tenantId, userId, passwordHash]);
  return rowCount === 1;
}

/**
 * Disables (or enables again) a user of this tenant. Disabling ends their sessions and revokes their
 * API keys in the same transaction (every API process hears the revocation at commit).
 */
export async function setUserDisabled(pool: pg.Pool, tenantId: string, userId: string, disabled: boolean): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE users SET disabled_at = CASE WHEN $3 THEN coalesce(disabled_at, now()) END WHERE id = $2 AND tenant_id = $1`,
      [tenantId, userId, disabled],
    );
    if (rowCount === 1 && disabled) {
      await client.query('DELETE FROM web_sessions WHERE user_id = $1', [userId]);
      await client.query(
        `WITH revoked AS (UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING key_hash)
         SELECT pg_notify('${KEY_REVOCATIONS}', encode(key_hash, 'hex')) FROM revoked`,
        [userId],
      );
    }
    return rowCount === 1;
  });
}
