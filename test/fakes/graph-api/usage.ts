import type { FakePage } from './state.ts';

/** Facebook's usage headers for an answer about `page` (research § 4, "Rate limits"). */
export function usageHeaders(page: FakePage | undefined, override: { percent?: number; regainMinutes?: number } = {}): Record<string, string> {
  const percent = override.percent ?? page?.usage.percent ?? 0;
  const regain = override.regainMinutes ?? page?.usage.regainMinutes ?? 0;
  const figures = { call_count: percent, total_cputime: Math.floor(percent / 2), total_time: Math.floor(percent / 2) };
  const headers: Record<string, string> = { 'x-app-usage': JSON.stringify(figures) };
  if (page) {
    headers['x-business-use-case-usage'] = JSON.stringify({ [page.id]: [{ type: 'pages', ...figures, estimated_time_to_regain_access: regain }] });
    headers['x-page-usage'] = JSON.stringify(figures);
  }
  return headers;
}
