import type pg from 'pg';
import type { Principal } from '../auth/principal.ts';
import type { Role } from '../notices/types.ts';

/** NOTIFY channel carrying the hash (hex) of each revoked key. */
export const KEY_REVOCATIONS = 'herald_keys';

export interface ApiKeyListing {
  id: string;
  prefix: string;
  userName: string;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
}

/**
 * Creates a user and their key in one transaction; only the key's hash is stored. `email` is where
 * alerts about the user's notices go (besides the municipality's alert address).
 */
export async function insertUserWithKey(
  pool: pg.Pool,
  input: { tenantSlug: string; role: Role; name: string; prefix: string; hash: Buffer; email?: string },
): Promise<{ keyId: string; userId: string }> {
  const { rows } = await pool.query<{ key_id: string; user_id: string }>(
    `WITH t AS (SELECT id FROM tenants WHERE slug = $1),
          u AS (INSERT INTO users (tenant_id, name, role, email) SELECT id, $2, $3, $6 FROM t RETURNING id, tenant_id)
     INSERT INTO api_keys (tenant_id, user_id, prefix, key_hash)
     SELECT tenant_id, id, $4, $5 FROM u
     RETURNING id AS key_id, user_id`,
    [input.tenantSlug, input.name, input.role, input.prefix, input.hash, input.email ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error(`unknown tenant "${input.tenantSlug}"`);
  return { keyId: row.key_id, userId: row.user_id };
}

/** The hot path of every request: one indexed lookup. Revoked keys are not found. */
export async function findPrincipalByKeyHash(pool: pg.Pool, hash: Buffer): Promise<Principal | null> {
  const { rows } = await pool.query<Principal>({
    name: 'find-principal-by-key-hash',
    text: `SELECT k.id AS "keyId", u.id AS "userId", u.name AS "userName", u.role,
                  t.id AS "tenantId", t.slug AS "tenantSlug"
             FROM api_keys k JOIN users u ON u.id = k.user_id JOIN tenants t ON t.id = k.tenant_id
            WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
    values: [hash],
  });
  return rows[0] ?? null;
}

export async function listApiKeys(pool: pg.Pool, tenantSlug: string): Promise<ApiKeyListing[]> {
  const { rows } = await pool.query<ApiKeyListing>(
    `SELECT k.id, k.prefix, u.name AS "userName", u.role, k.created_at AS "createdAt", k.revoked_at AS "revokedAt"
       FROM api_keys k JOIN users u ON u.id = k.user_id JOIN tenants t ON t.id = k.tenant_id
      WHERE t.slug = $1 ORDER BY k.created_at, k.id`,
    [tenantSlug],
  );
  return rows;
}

/** Revokes by key id or by the shown prefix; returns how many keys were revoked. */
export async function revokeApiKey(pool: pg.Pool, tenantSlug: string, idOrPrefix: string): Promise<number> {
  // The NOTIFY reaches every API process at commit, and each evicts the key from its cache.
  const { rowCount } = await pool.query(
    `WITH revoked AS (
       UPDATE api_keys k SET revoked_at = now()
         FROM tenants t
        WHERE t.id = k.tenant_id AND t.slug = $1 AND k.revoked_at IS NULL
          AND (k.id::text = $2 OR k.prefix = $2)
       RETURNING k.key_hash)
     SELECT pg_notify('${KEY_REVOCATIONS}', encode(key_hash, 'hex')) FROM revoked`,
    [tenantSlug, idOrPrefix],
  );
  return rowCount ?? 0;
}
