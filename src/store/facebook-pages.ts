import type pg from 'pg';
import type { FacebookPages, OpenGate, ClosedGate } from '../channels/facebook/page-access.ts';
import type { Tenant } from '../config/tenant-types.ts';
import { openSecret, sealSecret, SecretUnreadable } from '../secrets/secret-box.ts';
import { keyFingerprint } from '../secrets/secret-key.ts';

/** What the token is bound to: a sealed token copied to another tenant's or Page's row does not open. */
function context(tenantId: string, pageId: string): string {
  return `facebook-page-token:${tenantId}:${pageId}`;
}

interface PageRow {
  tenant_id: string;
  page_id: string;
  token_sealed: Buffer;
  token_key_id: string;
  token_version: number;
  token_set_at: Date;
  token_status: 'ok' | 'refused';
  token_problem: Record<string, unknown> | null;
  token_expires_at: Date | null;
  token_checked_at: Date | null;
  paused_until: Date | null;
  pause_reason: Record<string, unknown> | null;
}

const BY_SLUG = `SELECT fp.* FROM facebook_pages fp JOIN tenants t ON t.id = fp.tenant_id WHERE t.slug = $1`;

/**
 * Stores a tenant's Page token, encrypted, replacing any earlier one: the Page is usable again at
 * once (a refusal of the old token is forgotten). Returns the new token version.
 */
export async function setPageToken(pool: pg.Pool, key: Buffer, input: { tenantSlug: string; pageId: string; token: string }): Promise<number> {
  const { rows: tenants } = await pool.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [input.tenantSlug]);
  const tenantId = tenants[0]?.id;
  if (tenantId === undefined) throw new Error(`unknown tenant "${input.tenantSlug}"`);
  const sealed = sealSecret(key, input.token, context(tenantId, input.pageId));
  const { rows } = await pool.query<{ token_version: number }>(
    `INSERT INTO facebook_pages (tenant_id, page_id, token_sealed, token_key_id)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE
       SET page_id = EXCLUDED.page_id, token_sealed = EXCLUDED.token_sealed, token_key_id = EXCLUDED.token_key_id,
           token_version = facebook_pages.token_version + 1, token_set_at = now(), token_status = 'ok',
           token_problem = NULL, token_expires_at = NULL, token_checked_at = NULL, updated_at = now()
     RETURNING token_version`,
    [tenantId, input.pageId, sealed, keyFingerprint(key)],
  );
  return rows[0]?.token_version ?? 1;
}

function needsToken(detail: Record<string, unknown> | null): ClosedGate {
  return { open: false, reason: 'needs-token', until: null, detail };
}

/** Why a row's token cannot be used, or null when it can. */
function unusable(row: PageRow | undefined, tenant: Tenant, key: Buffer): ClosedGate | null {
  if (!row) return needsToken(null);
  if (row.page_id !== tenant.channels.facebook?.pageId) {
    return needsToken({ kind: 'token', message: `The token was set for Page ${row.page_id}; the tenant file now names Page ${tenant.channels.facebook?.pageId ?? '(none)'}` });
  }
  if (row.token_key_id !== keyFingerprint(key)) return needsToken({ kind: 'token', message: 'The token was encrypted under another HERALD_SECRET_KEY; set it again' });
  if (row.token_status === 'refused') return needsToken(row.token_problem);
  return null;
}

/** The Page state of every tenant in PostgreSQL, shared by all worker processes: the adapter's FacebookPages. */
export function facebookPagesIn(pool: pg.Pool, key: Buffer): FacebookPages {
  return {
    async gate(tenant, now): Promise<OpenGate | ClosedGate> {
      const { rows } = await pool.query<PageRow>({ name: 'facebook-page-gate', text: BY_SLUG, values: [tenant.slug] });
      const row = rows[0];
      const closed = unusable(row, tenant, key);
      if (closed || !row) return closed ?? needsToken(null);
      if (row.paused_until !== null && row.paused_until > now) return { open: false, reason: 'rate-limited', until: row.paused_until, detail: row.pause_reason };
      try {
        return { open: true, token: openSecret(key, row.token_sealed, context(row.tenant_id, row.page_id)), tokenVersion: row.token_version };
      } catch (error) {
        if (error instanceof SecretUnreadable) return needsToken({ kind: 'token', message: `${error.message}; set the token again` });
        throw error;
      }
    },

    async pause(tenant, until, reason) {
      // A longer pause already recorded wins: two workers hearing different figures keep the later.
      await pool.query(
        `UPDATE facebook_pages fp SET paused_until = $2, pause_reason = $3, updated_at = now()
           FROM tenants t WHERE t.id = fp.tenant_id AND t.slug = $1 AND (fp.paused_until IS NULL OR fp.paused_until < $2)`,
        [tenant.slug, until, JSON.stringify(reason)],
      );
    },

    async refuseToken(tenant, tokenVersion, problem) {
      await pool.query(
        `UPDATE facebook_pages fp SET token_status = 'refused', token_problem = $3, updated_at = now()
           FROM tenants t WHERE t.id = fp.tenant_id AND t.slug = $1 AND fp.token_version = $2`,
        [tenant.slug, tokenVersion, JSON.stringify(problem)],
      );
    },
  };
}

export type PageHealth = 'ok' | 'needs-token' | 'rate-limited' | 'expiring';

/** A tenant's Page as operators see it (API and readiness): never the token. */
export interface PageStatus {
  tenantSlug: string;
  pageId: string;
  status: PageHealth;
  tokenSetAt: Date | null;
  tokenExpiresAt: Date | null;
  tokenCheckedAt: Date | null;
  pausedUntil: Date | null;
  problem: Record<string, unknown> | null;
}

/** @defaultValue 7 days: how long before a token expires it is reported as `expiring`. */
export const EXPIRY_WARNING_MS = 7 * 86_400_000;

/** The state of each tenant's Page (tenants without a Facebook Page are left out). */
export async function pageStatuses(pool: pg.Pool, key: Buffer, tenants: readonly Tenant[], now: Date): Promise<PageStatus[]> {
  const withPages = tenants.filter((t) => t.channels.facebook);
  if (withPages.length === 0) return [];
  const { rows } = await pool.query<PageRow & { slug: string }>(
    `SELECT fp.*, t.slug FROM facebook_pages fp JOIN tenants t ON t.id = fp.tenant_id WHERE t.slug = ANY($1::text[])`,
    [withPages.map((t) => t.slug)],
  );
  return withPages.map((tenant) => {
    const row = rows.find((r) => r.slug === tenant.slug);
    const closed = unusable(row, tenant, key);
    const paused = row?.paused_until != null && row.paused_until > now ? row.paused_until : null;
    const expiring = row?.token_expires_at != null && row.token_expires_at.getTime() - now.getTime() < EXPIRY_WARNING_MS;
    const status: PageHealth = closed ? 'needs-token' : paused ? 'rate-limited' : expiring || row?.token_problem ? 'expiring' : 'ok';
    return {
      tenantSlug: tenant.slug,
      pageId: tenant.channels.facebook?.pageId ?? '',
      status,
      tokenSetAt: row?.token_set_at ?? null,
      tokenExpiresAt: row?.token_expires_at ?? null,
      tokenCheckedAt: row?.token_checked_at ?? null,
      pausedUntil: paused,
      problem: closed ? closed.detail : paused ? row?.pause_reason ?? null : row?.token_problem ?? null,
    };
  });
}

/**
 * The daily check's finding for a token version: when it expires, and a warning (or null). A token
 * Facebook calls invalid is refused, as a 190 would.
 */
export async function recordTokenCheck(
  pool: pg.Pool,
  input: { tenantSlug: string; tokenVersion: number; valid: boolean; expiresAt: Date | null; problem: Record<string, unknown> | null },
): Promise<void> {
  await pool.query(
    `UPDATE facebook_pages fp SET token_checked_at = now(), token_expires_at = $3, token_problem = $4,
            token_status = CASE WHEN $5 THEN fp.token_status ELSE 'refused' END, updated_at = now()
       FROM tenants t WHERE t.id = fp.tenant_id AND t.slug = $1 AND fp.token_version = $2`,
    [input.tenantSlug, input.tokenVersion, input.expiresAt, input.problem === null ? null : JSON.stringify(input.problem), input.valid],
  );
}
