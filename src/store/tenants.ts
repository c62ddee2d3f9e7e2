import type pg from 'pg';
import type { Tenant } from '../config/tenant-types.ts';

/**
 * Upserts the configured tenants so rows can reference them.
 * Returns slug → tenant id.
 */
export async function syncTenants(pool: pg.Pool, tenants: readonly Tenant[]): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ id: string; slug: string }>(
    `INSERT INTO tenants (slug, name, organisation_number)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (slug) DO UPDATE
       SET name = EXCLUDED.name, organisation_number = EXCLUDED.organisation_number, updated_at = now()
     RETURNING id, slug`,
    [tenants.map((t) => t.slug), tenants.map((t) => t.name), tenants.map((t) => t.organisationNumber)],
  );
  return new Map(rows.map((r) => [r.slug, r.id]));
}
