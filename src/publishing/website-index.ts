import type pg from 'pg';
import { rebuildIndexes } from '../channels/website/index.ts';
import type { PublishingQueues } from '../queue/publishing-queues.ts';
import { listPublishedOnWebsite } from '../store/website-listing.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';

export const WEBSITE_INDEX_JOB = 'website-index';
/**
 * At most one rebuild of a tenant's index and feeds per window, however many notices go out. A
 * rebuild renders every current notice, so with many at once it is the fan-out's main cost; the
 * pages themselves go out on time, the listings follow within this window.
 */
export const INDEX_WINDOW_MS = 5000;

/**
 * Asks for a rebuild at the end of the current window. The job id names the tenant and the window,
 * so every publication within one window shares one rebuild; a rebuild runs after the window closes,
 * so it reads every publication committed in it.
 */
export async function requestIndexRebuild(queues: PublishingQueues, tenantSlug: string, now = Date.now()): Promise<void> {
  const window = Math.floor(now / INDEX_WINDOW_MS);
  const due = (window + 1) * INDEX_WINDOW_MS + 100;
  await queues.maintenance.add(WEBSITE_INDEX_JOB, { tenantSlug }, { jobId: `${WEBSITE_INDEX_JOB}-${tenantSlug}-${window}`, delay: due - now, removeOnComplete: true, removeOnFail: 100 });
}

/**
 * {@link requestIndexRebuild} at most once per tenant and window from this process: the job id
 * already dedupes in Redis, this saves the round trip for every publication after the first.
 */
export function indexRebuildRequester(queues: PublishingQueues): (tenantSlug: string) => Promise<void> {
  const requested = new Map<string, number>();
  return async (tenantSlug) => {
    const now = Date.now();
    const window = Math.floor(now / INDEX_WINDOW_MS);
    if (requested.get(tenantSlug) === window) return;
    await requestIndexRebuild(queues, tenantSlug, now);
    requested.set(tenantSlug, window);
  };
}

/** Rebuilds a tenant's index page, Atom feed, iCalendar and notices.json from PostgreSQL. */
export async function rebuildWebsiteIndex(pool: pg.Pool, directory: TenantDirectory, webRoot: string, tenantSlug: string, now: Date): Promise<number> {
  const entry = directory.get(tenantSlug);
  if (!entry) return 0;
  const listing = await listPublishedOnWebsite(pool, tenantSlug);
  const result = await rebuildIndexes(webRoot, entry.tenant, listing, now);
  return result.current;
}
