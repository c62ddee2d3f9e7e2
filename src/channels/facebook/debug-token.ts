import type { GraphClient } from './graph-client.ts';

/** What `/debug_token` says about a Page token. */
export interface TokenHealth {
  valid: boolean;
  /** When it stops working; null when it never expires (a Page token from a long-lived user token). */
  expiresAt: Date | null;
  /** When the app loses access to the Page's data unless someone renews it; null when not said. */
  dataAccessExpiresAt: Date | null;
  scopes: string[];
  /** The Page the token is for. */
  profileId: string | null;
  /** Facebook's words when it is not valid. */
  error: string | null;
}

function instant(seconds: unknown): Date | null {
  return typeof seconds === 'number' && seconds > 0 ? new Date(seconds * 1000) : null;
}

/**
 * Asks Facebook about the token itself (`GET /debug_token?input_token=`, the token inspecting itself).
 * Graph errors are thrown to the caller.
 */
export async function debugToken(client: GraphClient, token: string): Promise<TokenHealth> {
  const { body } = await client.call({ method: 'GET', path: '/debug_token', token, query: { input_token: token } });
  const data = ((body ?? {}) as { data?: Record<string, unknown> }).data ?? {};
  const error = data.error as { message?: unknown } | null | undefined;
  return {
    valid: data.is_valid === true,
    expiresAt: instant(data.expires_at),
    dataAccessExpiresAt: instant(data.data_access_expires_at),
    scopes: Array.isArray(data.scopes) ? data.scopes.filter((s): s is string => typeof s === 'string') : [],
    profileId: typeof data.profile_id === 'string' ? data.profile_id : null,
    error: error && typeof error.message === 'string' ? error.message : null,
  };
}
