import type { Usage } from './usage.ts';

/** How long a Page waits when Facebook limits it; tests shrink these. */
export interface RateLimitPolicy {
  /** When Facebook does not say how long (no `estimated_time_to_regain_access`). @defaultValue 900 000 (15 min) */
  defaultPauseMs: number;
  /** Never wait longer than this before trying the Page again. @defaultValue 86 400 000 (24 h) */
  maxPauseMs: number;
  /** Usage at or above this percent pauses the Page before Facebook starts refusing (as Mixpost does). @defaultValue 90 */
  throttleAtPercent: number;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { defaultPauseMs: 15 * 60_000, maxPauseMs: 24 * 3_600_000, throttleAtPercent: 90 };

/** Until when the Page waits: as long as the usage headers say, within the policy's bounds. */
export function pauseUntil(now: Date, usage: Usage, policy: RateLimitPolicy): Date {
  const said = usage.regainAccessMinutes !== null && usage.regainAccessMinutes > 0 ? usage.regainAccessMinutes * 60_000 : policy.defaultPauseMs;
  return new Date(now.getTime() + Math.min(said, policy.maxPauseMs));
}

/** A successful answer whose usage is near the limit: pause before Facebook refuses. */
export function nearLimit(usage: Usage, policy: RateLimitPolicy): boolean {
  return usage.highestPercent !== null && usage.highestPercent >= policy.throttleAtPercent;
}
