import type { NoticeSnapshot } from '../types.ts';

/**
 * One notice currently published on the website, as the worker reads it from the database to
 * rebuild a tenant's index and feeds (withdrawn notices are simply not in the list).
 */
export interface WebsiteListing {
  notice: NoticeSnapshot;
  /** The page's public URL, from the delivery receipt. */
  url: string;
  /** When this version went out on the website: the feed entry's `updated`. */
  publishedAt: Date;
}
