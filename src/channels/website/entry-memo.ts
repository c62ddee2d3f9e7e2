import type { Tenant } from '../../config/tenant-types.ts';
import type { WebsiteListing } from './listing.ts';

/** Plenty for every current notice of a large region; a full memo drops its oldest entries first. */
const LIMIT = 50_000;

/**
 * A listing's entries (Atom entry, VEVENT, notices.json item, index item) rendered once per notice
 * version. Every rebuild lists every current notice, but only those published since the last one
 * are new: without this a burst of N publications cost O(N²) rendering over its rebuilds. A notice
 * version never changes, so the key is what else an entry depends on.
 */
export class EntryMemo<T> {
  private readonly entries = new Map<string, T>();

  get(key: string, render: () => T): T {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = render();
      this.entries.set(key, entry);
      if (this.entries.size > LIMIT) this.entries.delete(this.entries.keys().next().value ?? key);
    }
    return entry;
  }
}

/** What an entry depends on: the tenant's settings, the notice version, where and when it went out. */
export function entryKey(tenant: Tenant, listing: WebsiteListing, baseUrl = ''): string {
  const { notice, url, publishedAt } = listing;
  return `${tenant.slug}|${tenant.language}|${tenant.timeZone}|${tenant.name}|${baseUrl}|${notice.id}|${notice.version}|${url}|${publishedAt.getTime()}`;
}
