import type { Tenant } from '../../config/tenant-types.ts';

/** A Page Herald may call now, with its token (decrypted only for the call) and that token's version. */
export interface OpenGate {
  open: true;
  token: string;
  tokenVersion: number;
}

/** Why a Page may not be called now; `until` is null when a person must act (a new token). */
export interface ClosedGate {
  open: false;
  reason: 'needs-token' | 'rate-limited';
  until: Date | null;
  /** Facebook's refusal or the pause's cause, as recorded. */
  detail: Record<string, unknown> | null;
}

/**
 * The state of each tenant's Page that outlives one call: its token and whether Facebook wants it to
 * wait. The adapter knows it only through this contract; PostgreSQL keeps it
 * (src/store/facebook-pages.ts), so every worker process sees the same pause and the same token.
 */
export interface FacebookPages {
  /** May the tenant's Page be called now? */
  gate(tenant: Tenant, now: Date): Promise<OpenGate | ClosedGate>;
  /** Facebook's usage says wait: no call for this Page before `until`. */
  pause(tenant: Tenant, until: Date, reason: Record<string, unknown>): Promise<void>;
  /** Facebook refused this version of the token (190, 102): the Page waits for a new one. */
  refuseToken(tenant: Tenant, tokenVersion: number, problem: Record<string, unknown>): Promise<void>;
}
