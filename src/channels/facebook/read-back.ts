import type { GraphClient } from './graph-client.ts';
import { normaliseLines } from './plain-text.ts';

/** A post as `/{page-id}/published_posts` lists it. */
export interface PagePost {
  id: string;
  message: string;
  createdTime: Date;
  permalinkUrl: string | null;
}

export interface ReadBackOptions {
  pageId: string;
  token: string;
  /** The earliest creation time worth looking at. */
  since: Date;
  /** The exact message of the post looked for. */
  message: string;
  /** Pages of 100 posts read at most; beyond that the answer is `incomplete`, never "not there". @defaultValue 20 */
  maxPages?: number;
}

interface Listing {
  data?: unknown[];
  paging?: { cursors?: { after?: string }; next?: string };
}

function postOf(value: unknown): PagePost | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.created_time !== 'string') return null;
  const createdTime = new Date(v.created_time);
  if (Number.isNaN(createdTime.getTime())) return null;
  return { id: v.id, message: typeof v.message === 'string' ? v.message : '', createdTime, permalinkUrl: typeof v.permalink_url === 'string' ? v.permalink_url : null };
}

/**
 * Looks for the post among the Page's published posts created since `since`, newest first, by its
 * exact message (the message holds the notice's own link, so it is unique). Graph errors are thrown
 * to the caller; `incomplete` means more posts remained than it was willing to read.
 */
export async function findPost(client: GraphClient, opts: ReadBackOptions): Promise<PagePost | null | 'incomplete'> {
  const wanted = normaliseLines(opts.message);
  const query: Record<string, string> = {
    fields: 'id,message,created_time,permalink_url',
    since: String(Math.floor(opts.since.getTime() / 1000)),
    limit: '100',
  };
  for (let page = 0; page < (opts.maxPages ?? 20); page++) {
    const { body } = await client.call({ method: 'GET', path: `/${opts.pageId}/published_posts`, token: opts.token, query });
    const listing = (body ?? {}) as Listing;
    for (const post of (listing.data ?? []).map(postOf)) {
      if (post && post.createdTime >= opts.since && normaliseLines(post.message) === wanted) return post;
    }
    // Follow the cursor, not the `next` URL: Facebook puts the access token in that URL.
    const after = listing.paging?.cursors?.after;
    if (listing.paging?.next === undefined || after === undefined) return null;
    query.after = after;
  }
  return 'incomplete';
}
