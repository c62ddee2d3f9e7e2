import type { ChannelName } from '../../notices/types.ts';
import { noticeChannels } from './channels.ts';
import type { CheckKindDefinition } from './kind.ts';

export interface ChannelLengthParams {
  channel: ChannelName;
  max: number;
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** The text as it goes out on a channel (the title, a blank line, the body), in code points: an emoji counts once. */
function renderedLength(title: string, body: string): number {
  const text = `${title}\n\n${body}`;
  return text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
}

/** A channel's limit on the length of one message. */
export const channelLength: CheckKindDefinition = {
  values: ['length', 'over'],
  run(raw, ctx) {
    const params = raw as unknown as ChannelLengthParams;
    if (!noticeChannels(ctx).has(params.channel)) return [];
    // Code points never outnumber UTF-16 units: a short text needs no counting.
    if (ctx.notice.title.length + 2 + ctx.notice.body.length <= params.max) return [];
    const length = renderedLength(ctx.notice.title, ctx.notice.body);
    return length > params.max ? [{ path: '/body', values: { length, over: length - params.max } }] : [];
  },
};
