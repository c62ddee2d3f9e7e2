import type { Clock } from '../../time/clock.ts';
import { CANNOT_TELL, ChannelPausedError, PermanentChannelError, type Artifact, type ChannelAdapter, type PublicationTask, type Receipt } from '../types.ts';
import { fromArtifact, toArtifact } from './artifact.ts';
import { channelErrorFor, describeGraphError, type FailureContext } from './failures.ts';
import type { GraphAnswer, GraphClient } from './graph-client.ts';
import type { FacebookPages, OpenGate } from './page-access.ts';
import { DEFAULT_RATE_LIMIT_POLICY, nearLimit, pauseUntil, type RateLimitPolicy } from './rate-limit.ts';
import { findPost, type PagePost } from './read-back.ts';
import { messageOf, renderPost } from './render.ts';

/** Facebook's limit on a Page post's message as rules/common.yaml states it (`channel.facebook.length`). */
export const DEFAULT_MAX_LENGTH = 63_206;

export interface FacebookChannelOptions {
  client: GraphClient;
  pages: FacebookPages;
  clock: Clock;
  /** The rule file's length limit for this task's tenant and type. @defaultValue DEFAULT_MAX_LENGTH */
  maxLength?: (task: PublicationTask) => number;
  /** As the website channel's option, so the post links to the page the website channel wrote. */
  publicBaseUrl?: string;
  /** How soon a Page waiting for a new token is looked at again. @defaultValue 60 000 */
  tokenRecheckMs?: number;
  /** @defaultValue DEFAULT_RATE_LIMIT_POLICY */
  rateLimit?: RateLimitPolicy;
  /**
   * How far before the publication's scheduled time the read-back starts (a job never runs before it,
   * so no post of it is older; the margin covers clocks that disagree). @defaultValue 600 000
   */
  readBackSlackMs?: number;
}

function pageIdOf(task: PublicationTask): string {
  const facebook = task.tenant.channels.facebook;
  if (!facebook) throw new PermanentChannelError(`${task.tenant.name} has no Facebook Page configured (channels.facebook in its tenant file)`);
  return facebook.pageId;
}

/** `{page-id}_{post-id}` → its public address (the permalink Facebook gives is preferred). */
function permalinkOf(postId: string): string {
  const [page, post] = postId.split('_');
  return `https://www.facebook.com/${page ?? postId}/posts/${post ?? ''}`;
}

function graphFacts(method: string, path: string, answer: GraphAnswer): Record<string, unknown> {
  return { graph: { request: { method, path }, status: answer.status, response: answer.body, usage: answer.usage } };
}

/**
 * The Facebook channel: one Page post per publication, `POST /{page-id}/feed` (or `/photos` with alt
 * text when the notice has an image). Never posts twice: an attempt whose outcome was unknown is
 * followed by a read-back of the Page's posts before anything is posted again (DESIGN principle 2).
 * Rate limits and refused tokens pause the tenant's Page only (see FacebookPages).
 */
export function createFacebookChannel(options: FacebookChannelOptions): ChannelAdapter {
  const { client, pages, clock } = options;
  const policy = options.rateLimit ?? DEFAULT_RATE_LIMIT_POLICY;
  const tokenRecheckMs = options.tokenRecheckMs ?? 60_000;
  const slackMs = options.readBackSlackMs ?? 600_000;

  /** The Page's token, or a pause when the Page may not be called now. */
  async function open(task: PublicationTask): Promise<OpenGate> {
    const now = clock();
    const gate = await pages.gate(task.tenant, now);
    if (gate.open) return gate;
    if (gate.reason === 'rate-limited' && gate.until) {
      throw new ChannelPausedError(`Facebook rate-limits the Page until ${gate.until.toISOString()}`, gate.until, { waitingFor: 'rate-limit', until: gate.until.toISOString(), ...gate.detail });
    }
    const said = (gate.detail?.facebook as { message?: unknown } | undefined)?.message;
    const refused = typeof said === 'string' ? `Facebook refused its token: ${said}` : 'no token has been set';
    throw new ChannelPausedError(`The Facebook Page needs a new token (${refused})`, new Date(now.getTime() + tokenRecheckMs), { waitingFor: 'token', ...gate.detail });
  }

  const failureContext = (task: PublicationTask, gate: OpenGate): FailureContext => ({ tenant: task.tenant, pages, tokenVersion: gate.tokenVersion, now: clock(), policy, tokenRecheckMs });

  /** After a successful call: usage near the limit pauses the Page before Facebook refuses. */
  async function heed(task: PublicationTask, answer: GraphAnswer): Promise<void> {
    if (nearLimit(answer.usage, policy)) await pages.pause(task.tenant, pauseUntil(clock(), answer.usage, policy), { kind: 'near-limit', usage: answer.usage });
  }

  function adopted(post: PagePost, details: Record<string, unknown>): Receipt {
    return { externalId: post.id, url: post.permalinkUrl ?? permalinkOf(post.id), at: post.createdTime, details: { adopted: true, ...details } };
  }

  async function readBack(task: PublicationTask, gate: OpenGate, artifact: Artifact): Promise<PagePost | null | 'incomplete'> {
    const since = new Date(task.scheduledAt.getTime() - slackMs);
    return findPost(client, { pageId: pageIdOf(task), token: gate.token, since, message: messageOf(fromArtifact(artifact)) });
  }

  return {
    name: 'facebook',
    duplicatesOnRedelivery: true,

    render(task) {
      return Promise.resolve().then(() => toArtifact(renderPost(task.notice, task.tenant, { maxLength: options.maxLength?.(task) ?? DEFAULT_MAX_LENGTH, ...(options.publicBaseUrl !== undefined && { publicBaseUrl: options.publicBaseUrl }) })));
    },

    async deliver(task, artifact) {
      const pageId = pageIdOf(task);
      const gate = await open(task);
      const request = fromArtifact(artifact);
      const path = `/${pageId}/${request.edge}`;
      let answer: GraphAnswer;
      try {
        answer = await client.call({ method: 'POST', path, token: gate.token, body: artifact.bytes, ...(request.edge === 'feed' && { query: { fields: 'id,permalink_url' } }) });
      } catch (error) {
        const failure = await channelErrorFor(error, failureContext(task, gate));
        if (failure instanceof Error) throw failure;
        // 368 or 506: the post may exist. Look once; adopt it, or stop for a person to check.
        const found = await readBack(task, gate, artifact).catch(() => 'incomplete' as const);
        if (found !== null && found !== 'incomplete') return adopted(found, { adoptedAfter: describeGraphError(failure.look, failure.entry) });
        throw new PermanentChannelError(failure.look.error.message, { ...describeGraphError(failure.look, failure.entry), lookedOnPage: found === null ? 'not found' : 'could not look' });
      }
      await heed(task, answer);
      const body = (answer.body ?? {}) as { id?: unknown; post_id?: unknown; permalink_url?: unknown };
      // A photo answers with the photo's id and the post's id; a feed post with the post's id.
      const postId = typeof body.post_id === 'string' ? body.post_id : typeof body.id === 'string' ? body.id : null;
      if (postId === null) throw new PermanentChannelError('Facebook answered without a post id', graphFacts('POST', path, answer));
      return { externalId: postId, url: typeof body.permalink_url === 'string' ? body.permalink_url : permalinkOf(postId), at: clock(), details: graphFacts('POST', path, answer) };
    },

    async withdraw(task, delivered) {
      const at = clock();
      if (delivered.externalId === null) return { externalId: null, url: delivered.url, at, details: { nothingToDelete: true } };
      const gate = await open(task);
      const path = `/${delivered.externalId}`;
      try {
        const answer = await client.call({ method: 'DELETE', path, token: gate.token });
        return { externalId: delivered.externalId, url: delivered.url, at: clock(), details: graphFacts('DELETE', path, answer) };
      } catch (error) {
        const failure = await channelErrorFor(error, failureContext(task, gate));
        const detail = failure instanceof Error ? (failure as { details?: Record<string, unknown> }).details : undefined;
        // 100/33: the object does not exist (deleted on the Page already): the post is down, as asked.
        const facebook = detail?.facebook as { code?: number; subcode?: number } | undefined;
        if (facebook?.code === 100 && facebook.subcode === 33) return { externalId: delivered.externalId, url: delivered.url, at, details: { alreadyGone: true, ...detail } };
        throw failure instanceof Error ? failure : new PermanentChannelError(failure.look.error.message, describeGraphError(failure.look, failure.entry));
      }
    },

    async findExisting(task, artifact) {
      const gate = await open(task);
      let found: PagePost | null | 'incomplete';
      try {
        found = await readBack(task, gate, artifact);
      } catch (error) {
        const failure = await channelErrorFor(error, failureContext(task, gate));
        if (failure instanceof ChannelPausedError) throw failure;
        // The read-back itself failed: say so, never "not there".
        return CANNOT_TELL;
      }
      if (found === 'incomplete') return CANNOT_TELL;
      return found === null ? null : adopted(found, { readBack: { path: `/${pageIdOf(task)}/published_posts`, postId: found.id, createdTime: found.createdTime.toISOString() } });
    },
  };
}
