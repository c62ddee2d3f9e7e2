import type { GraphClient } from './graph-client.ts';

/** A comment on a Page post, as the archive keeps it (the municipality's correspondence). */
export interface PostComment {
  id: string;
  /** The author as Facebook names them; personal data the public journal must be able to screen. */
  author: { id: string | null; name: string | null };
  message: string;
  createdTime: Date;
  /** The comment it answers, for replies. */
  parentId: string | null;
}

function commentOf(value: unknown): PostComment | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.created_time !== 'string') return null;
  const createdTime = new Date(v.created_time);
  if (Number.isNaN(createdTime.getTime())) return null;
  const from = (v.from ?? {}) as Record<string, unknown>;
  const parent = (v.parent ?? {}) as Record<string, unknown>;
  return {
    id: v.id,
    author: { id: typeof from.id === 'string' ? from.id : null, name: typeof from.name === 'string' ? from.name : null },
    message: typeof v.message === 'string' ? v.message : '',
    createdTime,
    parentId: typeof parent.id === 'string' ? parent.id : null,
  };
}

/**
 * Every comment on a post, replies included (`filter=stream`), oldest first, following the cursor
 * (never the `next` URL: it carries the token). Graph errors are thrown to the caller.
 */
export async function fetchComments(client: GraphClient, token: string, postId: string, maxPages = 50): Promise<PostComment[]> {
  const comments: PostComment[] = [];
  const query: Record<string, string> = { fields: 'id,from{id,name},message,created_time,parent{id}', filter: 'stream', order: 'chronological', limit: '100' };
  for (let page = 0; page < maxPages; page++) {
    const { body } = await client.call({ method: 'GET', path: `/${postId}/comments`, token, query });
    const listing = (body ?? {}) as { data?: unknown[]; paging?: { cursors?: { after?: string }; next?: string } };
    for (const comment of (listing.data ?? []).map(commentOf)) if (comment) comments.push(comment);
    const after = listing.paging?.cursors?.after;
    if (listing.paging?.next === undefined || after === undefined) break;
    query.after = after;
  }
  return comments;
}
