/**
 * Facebook's usage headers, read on every answer (research: anchors-social.md § 4, "Rate limits"):
 * - `X-App-Usage`: `{ call_count, total_cputime, total_time }` in percent of the app's quota;
 * - `X-Business-Use-Case-Usage`: `{ "<page-id>": [{ type, call_count, total_cputime, total_time,
 *   estimated_time_to_regain_access }] }`, the last in minutes: what Page-token calls count against;
 * - `X-Page-Usage`: the legacy Page-level figure, same shape as X-App-Usage.
 */
export interface Usage {
  /** The highest percentage any header reports, or null when none came. */
  highestPercent: number | null;
  /** Minutes until Facebook lets the Page call again (0: not throttled), or null when not said. */
  regainAccessMinutes: number | null;
}

type Headers = Pick<globalThis.Headers, 'get'>;

function parse(value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function numbersOf(value: unknown, keys: readonly string[]): number[] {
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return keys.map((key) => record[key]).filter((n): n is number => typeof n === 'number' && Number.isFinite(n));
}

const PERCENTS = ['call_count', 'total_cputime', 'total_time'] as const;

/** What the three headers say together. Unreadable headers count as absent: they never stop a post. */
export function readUsage(headers: Headers): Usage {
  const percents: number[] = [];
  const regain: number[] = [];
  for (const name of ['x-app-usage', 'x-page-usage']) {
    const value = parse(headers.get(name));
    percents.push(...numbersOf(value, PERCENTS));
    regain.push(...numbersOf(value, ['estimated_time_to_regain_access']));
  }
  const buc = parse(headers.get('x-business-use-case-usage'));
  if (buc !== null && typeof buc === 'object') {
    for (const entries of Object.values(buc as Record<string, unknown>)) {
      for (const entry of Array.isArray(entries) ? entries : []) {
        percents.push(...numbersOf(entry, PERCENTS));
        regain.push(...numbersOf(entry, ['estimated_time_to_regain_access']));
      }
    }
  }
  return {
    highestPercent: percents.length > 0 ? Math.max(...percents) : null,
    regainAccessMinutes: regain.length > 0 ? Math.max(...regain) : null,
  };
}
