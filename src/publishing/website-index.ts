import type pg from 'pg';
import { rebuildIndexes, type WebsiteListing } from '../channels/website/index.ts';
import type { NoticeInput } from '../notices/types.ts';
import type { PublishingQueues } from '../queue/publishing-queues.ts';
import { WindowedJob } from '../queue/windowed-job.ts';
import { listPublishedOnWebsite, loadContents } from '../store/website-listing.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';

export const WEBSITE_INDEX_JOB = 'website-index';
/**
 * At most one rebuild of a tenant's index and feeds per window, however many notices go out. A
 * rebuild renders every current notice, so with many at once it is the fan-out's main cost; the
 * pages themselves go out on time, the listings follow within this window.
 */
export const INDEX_WINDOW_MS = 5000;
/**
 * The most of a worker's time one tenant's rebuilds may take. A rebuild costs in proportion to the
 * tenant's current notices (every one is listed), so a tenant with thousands gets a longer window
 * instead of a worker that spends its time rewriting listings during a burst.
 */
const REBUILD_SHARE = 1 / 20;
/** How long this process's last rebuild of each tenant took. */
const rebuildMs = new Map<string, number>();

/**
 * The window after a rebuild that took `tookMs`: the base window, doubled until the rebuild takes no
 * more than its share of it. Powers of two of one base, so processes that measured alike ask for the
 * same job.
 */
export function windowAfter(tookMs: number): number {
  let window = INDEX_WINDOW_MS;
  while (tookMs > window * REBUILD_SHARE) window *= 2;
  return window;
}

const indexWindowMs = (tenantSlug: string): number => windowAfter(rebuildMs.get(tenantSlug) ?? 0);

/** Asks for rebuilds of a tenant's listings at the end of its current window: see {@link WindowedJob}. */
export function indexRebuilds(queues: PublishingQueues): WindowedJob<{ tenantSlug: string }> {
  return new WindowedJob(queues.maintenance, WEBSITE_INDEX_JOB, indexWindowMs);
}

/** Notice texts read for earlier rebuilds, by `<id>|<version>` (a version's text never changes). */
const CONTENT_LIMIT = 50_000;
const contents = new Map<string, NoticeInput>();

/**
 * The listing with every notice's text: read from PostgreSQL only for versions this process has not
 * read before, so a rebuild after a burst reads the burst, not every current notice again.
 */
async function listingWithText(pool: pg.Pool, tenantSlug: string): Promise<WebsiteListing[]> {
  const heads = await listPublishedOnWebsite(pool, tenantSlug);
  const missing = heads.filter((h) => !contents.has(`${h.id}|${h.version}`));
  for (const [key, content] of await loadContents(pool, missing)) {
    contents.set(key, content);
    if (contents.size > CONTENT_LIMIT) contents.delete(contents.keys().next().value ?? key);
  }
  return heads.flatMap(({ id, version, type, publishAt, ruleVersion, url, publishedAt }) => {
    const content = contents.get(`${id}|${version}`);
    return content ? [{ notice: { id, version, type, content, publishAt, ruleVersion }, url, publishedAt }] : [];
  });
}

/** Rebuilds a tenant's index page, Atom feed, iCalendar and notices.json from PostgreSQL. */
export async function rebuildWebsiteIndex(pool: pg.Pool, directory: TenantDirectory, webRoot: string, tenantSlug: string, now: Date): Promise<number> {
  const entry = directory.get(tenantSlug);
  if (!entry) return 0;
  const started = performance.now();
  const result = await rebuildIndexes(webRoot, entry.tenant, await listingWithText(pool, tenantSlug), now);
  rebuildMs.set(tenantSlug, performance.now() - started);
  return result.current;
}
