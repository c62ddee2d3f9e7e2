import type { ChannelName } from '../../notices/types.ts';
import type { CheckContext } from '../types.ts';

/** The channels a notice goes out on: those it names and those planned for it. */
export function noticeChannels(ctx: CheckContext): Set<ChannelName> {
  const channels = new Set<ChannelName>(ctx.notice.channels ?? []);
  for (const publication of ctx.plan) channels.add(publication.channel);
  return channels;
}

/**
 * Whether a newspaper "alminnelig lest på stedet" carries the notice: a planned issue of such a paper,
 * or, before anything is planned, the newspaper channel on a tenant that has one.
 */
export function reachesGenerallyReadNewspaper(ctx: CheckContext): boolean {
  const generallyRead = new Set(ctx.tenant.channels.newspapers.filter((paper) => paper.generallyRead).map((paper) => paper.id));
  const planned = ctx.plan.filter((publication) => publication.channel === 'newspaper');
  if (planned.length > 0) return planned.some((publication) => publication.target !== null && generallyRead.has(publication.target));
  return (ctx.notice.channels ?? []).includes('newspaper') && generallyRead.size > 0;
}
