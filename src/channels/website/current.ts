import type { DateTime } from 'luxon';
import type { Tenant } from '../../config/tenant-types.ts';
import { expiresAt } from './expiry.ts';
import { readFacts, type NoticeFacts } from './facts.ts';
import type { WebsiteListing } from './listing.ts';

/** A listed notice with its facts read once, for the index and every feed. */
export interface CurrentNotice extends WebsiteListing {
  facts: NoticeFacts;
  expiresAt: DateTime | null;
}

/**
 * The notices still current at `now`, newest first (by when they became public, then id, so equal
 * times keep a stable order). Expired ones drop out here; their pages are left alone.
 */
export function currentNotices(listings: readonly WebsiteListing[], tenant: Tenant, now: Date): CurrentNotice[] {
  return listings
    .map((listing) => {
      const facts = readFacts(listing.notice.content, tenant.timeZone);
      return { ...listing, facts, expiresAt: expiresAt(facts) };
    })
    .filter((n) => n.expiresAt === null || now.getTime() < n.expiresAt.toMillis())
    .sort((a, b) => b.notice.publishAt.getTime() - a.notice.publishAt.getTime() || (a.notice.id < b.notice.id ? -1 : a.notice.id > b.notice.id ? 1 : 0));
}
