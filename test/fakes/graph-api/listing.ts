/** Cursor paging as Facebook's edges answer it: `data`, `paging.cursors`, and `paging.next` (a URL carrying the token). */
export interface Paged<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string };
}

const encode = (n: number): string => Buffer.from(String(n)).toString('base64url');
const decode = (cursor: string | undefined): number => {
  const n = Number(Buffer.from(cursor ?? '', 'base64url').toString());
  return Number.isInteger(n) && n >= 0 ? n : 0;
};

/** One page of `items` after the `after` cursor; `nextUrl` builds the next page's URL from its cursor. */
export function paginate<T>(items: readonly T[], query: Record<string, string | undefined>, nextUrl: (after: string) => string): Paged<T> {
  const limit = Math.min(Math.max(Number(query.limit ?? 25) || 25, 1), 100);
  const start = decode(query.after);
  const data = items.slice(start, start + limit);
  if (data.length === 0) return { data };
  const after = encode(start + data.length);
  return {
    data,
    paging: { cursors: { before: encode(start), after }, ...(start + data.length < items.length && { next: nextUrl(after) }) },
  };
}

/** `since`/`until` as Facebook takes them: unix seconds or an ISO 8601 / strtotime-like date. */
export function instantParam(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Facebook's timestamp format: `2030-03-04T09:00:00+0000`. */
export function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}
