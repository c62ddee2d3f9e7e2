import type { DateTime } from 'luxon';
import type { Tenant } from '../../config/tenant-types.ts';
import { expiresAt } from './expiry.ts';
import { readFacts, type NoticeFacts } from './facts.ts';
import { mapInSlices } from './in-slices.ts';
import type { WebsiteListing } from './listing.ts';

/** A listed notice with its facts read once, for the index and every feed. */
export interface CurrentNotice extends WebsiteListing {
  facts: NoticeFacts;
  expiresAt: DateTime | null;
}

type Read = Pick<CurrentNotice, 'facts' | 'expiresAt'>;

// The listing holds every notice still published, expired ones included, and reading dates in a
// zone is the costly part of a rebuild (luxon: tens of µs a date). A notice version never changes,
// so its facts are kept across rebuilds, up to a bound (oldest out first).
const READ_CACHE_LIMIT = 50_000;
const readCache = new Map<string, Read>();

function read(listing: WebsiteListing, zone: string): Read {
  const { notice } = listing;
  const key = `${zone} ${notice.id} ${notice.version}`;
  let found = readCache.get(key);
  if (found === undefined) {
    const facts = readFacts(notice.content, zone);
    found = { facts, expiresAt: expiresAt(facts) };
    readCache.set(key, found);
    if (readCache.size > READ_CACHE_LIMIT) readCache.delete(readCache.keys().next().value ?? key);
  }
  return found;
}

/**
 * The notices still current at `now`, newest first (by when they became public, then id, so equal
 * times keep a stable order). Expired ones drop out here; their pages are left alone.
 */
export async function currentNotices(listings: readonly WebsiteListing[], tenant: Tenant, now: Date): Promise<CurrentNotice[]> {
  return (await mapInSlices(listings, (listing) => ({ ...listing, ...read(listing, tenant.timeZone) })))
    .filter((n) => n.expiresAt === null || now.getTime() < n.expiresAt.toMillis())
    .sort((a, b) => b.notice.publishAt.getTime() - a.notice.publishAt.getTime() || (a.notice.id < b.notice.id ? -1 : a.notice.id > b.notice.id ? 1 : 0));
}
