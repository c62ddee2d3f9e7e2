import { ChannelPausedError } from '../channels/types.ts';
import { channelErrorFor, fetchComments } from '../channels/facebook/index.ts';
import { archiveNewComments, listHarvestablePosts, type HarvestablePost } from '../store/facebook-comments.ts';
import type { FacebookJobContext } from './facebook-context.ts';

/** @defaultValue 30: how many days after publication a post's comments are harvested. */
export const DEFAULT_HARVEST_DAYS = 30;

function byTenant(posts: readonly HarvestablePost[]): Map<string, HarvestablePost[]> {
  const grouped = new Map<string, HarvestablePost[]>();
  for (const post of posts) grouped.set(post.tenantSlug, [...(grouped.get(post.tenantSlug) ?? []), post]);
  return grouped;
}

/**
 * The dialog on record: the comments on every Facebook post published in the last `days` days are
 * read (`GET /{post-id}/comments`) and each new one is archived as a record of its own, once. A Page
 * that is paused or needs a token is skipped until the next run; nothing is lost, since comments stay
 * on Facebook until then.
 */
export async function harvestComments(ctx: FacebookJobContext, days: number): Promise<{ posts: number; archived: number }> {
  const now = ctx.clock();
  const posts = await listHarvestablePosts(ctx.pool, new Date(now.getTime() - days * 86_400_000));
  let archived = 0;
  let read = 0;
  for (const [slug, tenantPosts] of byTenant(posts)) {
    const tenant = ctx.directory.get(slug)?.tenant;
    if (!tenant?.channels.facebook) continue;
    const gate = await ctx.pages.gate(tenant, now);
    if (!gate.open) {
      ctx.log.debug({ event: 'facebook.comments.skipped', tenant: slug, reason: gate.reason }, 'Page not callable now; comments harvested later');
      continue;
    }
    for (const post of tenantPosts) {
      try {
        const comments = await fetchComments(ctx.client, gate.token, post.postId);
        read += 1;
        archived += await archiveNewComments(ctx.pool, post, comments, ctx.clock());
      } catch (error) {
        const failure = await channelErrorFor(error, { tenant, pages: ctx.pages, tokenVersion: gate.tokenVersion, now: ctx.clock(), policy: ctx.policy, tokenRecheckMs: ctx.tokenRecheckMs });
        ctx.log.warn({ event: 'facebook.comments.failed', tenant: slug, publicationId: post.publicationId, reason: failure instanceof Error ? failure.message : failure.look.message }, 'could not read the comments of a post');
        // A pause or a refused token holds for every post of the Page: the next run takes them.
        if (failure instanceof ChannelPausedError) break;
      }
    }
  }
  if (archived > 0) ctx.log.info({ event: 'facebook.comments.archived', archived, posts: read }, 'comments archived');
  return { posts: read, archived };
}
