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

/** Asks for rebuilds of a tenant's listings at the end of the current window: see {@link WindowedJob}. */
export function indexRebuilds(queues: PublishingQueues): WindowedJob<{ tenantSlug: string }> {
  return new WindowedJob(queues.maintenance, WEBSITE_INDEX_JOB, INDEX_WINDOW_MS);
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
  const result = await rebuildIndexes(webRoot, entry.tenant, await listingWithText(pool, tenantSlug), now);
  return result.current;
}
