import type { Tenant } from '../config/tenant-types.ts';
import { ChannelPausedError } from '../channels/types.ts';
import { channelErrorFor, debugToken, lookupGraphError, type TokenHealth } from '../channels/facebook/index.ts';
import { EXPIRY_WARNING_MS, recordTokenCheck } from '../store/facebook-pages.ts';
import type { FacebookJobContext } from './facebook-context.ts';

const REQUIRED_SCOPES = ['pages_manage_posts', 'pages_read_engagement'];

/** What is wrong, or about to be, with a token Facebook described; null when nothing is. */
function problemOf(health: TokenHealth, tenant: Tenant, now: Date): Record<string, unknown> | null {
  const advice = lookupGraphError(190, undefined, 400).what;
  if (!health.valid) return { kind: 'token', message: health.error ?? 'Facebook says the token is not valid', what: advice };
  const soon = (at: Date | null): boolean => at !== null && at.getTime() - now.getTime() < EXPIRY_WARNING_MS;
  if (soon(health.expiresAt)) return { kind: 'expiring', message: `The Page token stops working on ${health.expiresAt?.toISOString() ?? ''}`, what: advice };
  if (soon(health.dataAccessExpiresAt)) return { kind: 'expiring', message: `The app's access to the Page's data ends on ${health.dataAccessExpiresAt?.toISOString() ?? ''} unless someone renews it`, what: advice };
  const missing = REQUIRED_SCOPES.filter((scope) => !health.scopes.includes(scope));
  if (missing.length > 0) return { kind: 'permission', message: `The token lacks ${missing.join(', ')}`, what: lookupGraphError(200, undefined, 403).what };
  if (health.profileId !== null && health.profileId !== tenant.channels.facebook?.pageId) {
    return { kind: 'token', message: `The token is for Page ${health.profileId}, not the configured ${tenant.channels.facebook?.pageId ?? ''}`, what: advice };
  }
  return null;
}

/**
 * The daily token check: asks Facebook about each Page's token (`/debug_token`) and records when it
 * expires; a token that expires (or loses data access) within a week is reported as `expiring` in
 * readiness and the API, days before it stops working. A token Facebook calls invalid is refused,
 * as a 190 would: its Page's publications wait for a new one.
 */
export async function checkFacebookTokens(ctx: FacebookJobContext): Promise<number> {
  let checked = 0;
  for (const tenant of ctx.directory.tenants().filter((t) => t.channels.facebook)) {
    const now = ctx.clock();
    const gate = await ctx.pages.gate(tenant, now);
    if (!gate.open) continue;
    try {
      const health = await debugToken(ctx.client, gate.token);
      const problem = problemOf(health, tenant, now);
      await recordTokenCheck(ctx.pool, { tenantSlug: tenant.slug, tokenVersion: gate.tokenVersion, valid: health.valid, expiresAt: health.expiresAt, problem });
      if (problem) ctx.log.warn({ event: 'facebook.token.warning', tenant: tenant.slug, problem: problem.message }, 'the Facebook Page token needs attention');
      checked += 1;
    } catch (error) {
      const failure = await channelErrorFor(error, { tenant, pages: ctx.pages, tokenVersion: gate.tokenVersion, now, policy: ctx.policy, tokenRecheckMs: ctx.tokenRecheckMs });
      const level = failure instanceof ChannelPausedError ? 'info' : 'warn';
      ctx.log[level]({ event: 'facebook.token.check-failed', tenant: tenant.slug, reason: failure instanceof Error ? failure.message : failure.look.message }, 'could not check the Facebook Page token');
    }
  }
  return checked;
}
