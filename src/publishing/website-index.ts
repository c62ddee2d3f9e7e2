import type pg from 'pg';
import { rebuildIndexes } from '../channels/website/index.ts';
import type { PublishingQueues } from '../queue/publishing-queues.ts';
import { WindowedJob } from '../queue/windowed-job.ts';
import { listPublishedOnWebsite } from '../store/website-listing.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';

export const WEBSITE_INDEX_JOB = 'website-index';
/**
 * At most one rebuild of a tenant's index and feeds per window, however many notices go out. A
 * rebuild renders every current notice, so with many at once it is the fan-out's main cost; the
 * pages themselves go out on time, the listings follow within this window.
 */
export const INDEX_WINDOW_MS = 5000;

/** Asks for rebuilds of a tenant's listings at the end of the current window: see {@link WindowedJob}. */
export function indexRebuilds(queues: PublishingQueues): WindowedJob<{ tenantSlug: string }> {
  return new WindowedJob(queues.maintenance, WEBSITE_INDEX_JOB, INDEX_WINDOW_MS);
}

/** Rebuilds a tenant's index page, Atom feed, iCalendar and notices.json from PostgreSQL. */
export async function rebuildWebsiteIndex(pool: pg.Pool, directory: TenantDirectory, webRoot: string, tenantSlug: string, now: Date): Promise<number> {
  const entry = directory.get(tenantSlug);
  if (!entry) return 0;
  const listing = await listPublishedOnWebsite(pool, tenantSlug);
  const result = await rebuildIndexes(webRoot, entry.tenant, listing, now);
  return result.current;
}
