import type { Tenant } from '../../config/tenant-types.ts';
import { ChannelPausedError, PermanentChannelError } from '../types.ts';
import { lookupGraphError, type GraphErrorEntry } from './error-table.ts';
import { GraphApiError, GraphTransportError } from './graph-error.ts';
import type { FacebookPages } from './page-access.ts';
import { pauseUntil, type RateLimitPolicy } from './rate-limit.ts';

/**
 * An attempt whose outcome is unknown (a timeout, a dropped connection, a 5xx, code 1 or 2): the post
 * may be out. Retryable; the next attempt reads the Page back before it posts again.
 */
export class OutcomeUnknownError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'OutcomeUnknownError';
  }
}

/** What a person sees of a Graph error: Facebook's own words, its ids, and what to do. */
export function describeGraphError(error: GraphApiError, entry: GraphErrorEntry): Record<string, unknown> {
  const e = error.error;
  return {
    kind: entry.kind,
    message: e.message,
    facebook: {
      status: error.status,
      code: e.code,
      ...(e.error_subcode !== undefined && { subcode: e.error_subcode }),
      ...(e.type !== undefined && { type: e.type }),
      name: entry.name,
      message: e.message,
      ...(e.error_user_title !== undefined && { userTitle: e.error_user_title }),
      ...(e.error_user_msg !== undefined && { userMessage: e.error_user_msg }),
      ...(e.fbtrace_id !== undefined && { fbtraceId: e.fbtrace_id }),
    },
    what: entry.what,
  };
}

export interface FailureContext {
  tenant: Tenant;
  pages: FacebookPages;
  tokenVersion: number;
  now: Date;
  policy: RateLimitPolicy;
  /** When a Page waiting for a token is looked at again. */
  tokenRecheckMs: number;
}

/** A Graph error that says "wait" (a rate limit) or "new token" (190, 102): recorded, then a pause. */
async function pauseFor(error: GraphApiError, entry: GraphErrorEntry, ctx: FailureContext): Promise<ChannelPausedError | null> {
  const detail = describeGraphError(error, entry);
  if (entry.kind === 'rate-limit') {
    const until = pauseUntil(ctx.now, error.usage, ctx.policy);
    await ctx.pages.pause(ctx.tenant, until, { ...detail, usage: error.usage });
    return new ChannelPausedError(`Facebook rate-limits the Page until ${until.toISOString()}: ${error.error.message}`, until, { waitingFor: 'rate-limit', until: until.toISOString(), ...detail });
  }
  if (entry.kind === 'token') {
    await ctx.pages.refuseToken(ctx.tenant, ctx.tokenVersion, detail);
    return new ChannelPausedError(`The Facebook Page needs a new token: ${error.error.message}`, new Date(ctx.now.getTime() + ctx.tokenRecheckMs), { waitingFor: 'token', ...detail });
  }
  return null;
}

/**
 * The channel error for a failed Graph call: a pause (recorded for the Page), a permanent refusal in
 * Facebook's words, or an unknown outcome. 368 and 506 come back as `look`: the caller reads the Page
 * before deciding (the post may exist).
 */
export async function channelErrorFor(error: unknown, ctx: FailureContext): Promise<Error | { look: GraphApiError; entry: GraphErrorEntry }> {
  if (error instanceof GraphTransportError) {
    return new OutcomeUnknownError(`${error.message}; the post may exist: the next attempt looks on the Page first`, { kind: 'outcome-unknown', transport: error.kind, status: error.status });
  }
  if (!(error instanceof GraphApiError)) return error instanceof Error ? error : new Error(String(error));
  const entry = lookupGraphError(error.error.code, error.error.error_subcode, error.status);
  const pause = await pauseFor(error, entry, ctx);
  if (pause) return pause;
  switch (entry.kind) {
    case 'permission':
    case 'bad-request':
    case 'refused':
      return new PermanentChannelError(error.error.message, describeGraphError(error, entry));
    case 'policy-block':
    case 'duplicate':
      return { look: error, entry };
    default:
      return new OutcomeUnknownError(`Facebook answered ${error.status}: ${error.error.message}; the post may exist: the next attempt looks on the Page first`, describeGraphError(error, entry));
  }
}
