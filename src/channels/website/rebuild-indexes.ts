import { join } from 'node:path';
import type { Tenant } from '../../config/tenant-types.ts';
import { renderAtom } from './atom.ts';
import { writeFileAtomic, type FileContent } from './atomic-write.ts';
import { currentNotices } from './current.ts';
import { renderICalendar } from './ical.ts';
import { renderIndexPage } from './index-page.ts';
import type { WebsiteListing } from './listing.ts';
import { renderNoticesJson } from './notices-json.ts';
import { tenantBaseUrl, tenantDir } from './paths.ts';

export interface RebuildOptions {
  /** As in createWebsiteChannel. @defaultValue the tenant's `channels.website.baseUrl` */
  publicBaseUrl?: string;
}

/** What was written, for the worker's log. */
export interface RebuildResult {
  current: number;
  files: string[];
}

/**
 * Rewrites a tenant's `index.html`, `feed.atom`, `calendar.ics` and `notices.json` from the notices
 * currently published on the website, each file atomically. Kept out of `deliver` because rebuilding
 * on every publication is O(n²) over a backlog: the worker calls this, debounced, with the list it
 * reads from the database. Notices past their expiry leave these files; their pages stay.
 */
export async function rebuildIndexes(
  webRoot: string,
  tenant: Tenant,
  listing: readonly WebsiteListing[],
  now: Date,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const base = tenantBaseUrl(tenant, options.publicBaseUrl);
  const current = await currentNotices(listing, tenant, now);
  const dir = tenantDir(webRoot, tenant);
  const outputs: [name: string, render: () => Promise<FileContent>][] = [
    ['feed.atom', () => renderAtom(tenant, current, base, now)],
    ['calendar.ics', () => renderICalendar(tenant, current, base)],
    ['notices.json', () => renderNoticesJson(tenant, current, now)],
    // The index last: a reader following its links finds the feeds already current.
    ['index.html', () => renderIndexPage(tenant, current)],
  ];
  for (const [name, render] of outputs) await writeFileAtomic(join(dir, name), await render());
  return { current: current.length, files: outputs.map(([name]) => join(dir, name)) };
}
