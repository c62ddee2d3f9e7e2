import type { ChannelName } from '../../notices/types.ts';
import { parseLocalDateTime } from '../../time/local-time.ts';
import { noticeChannels } from './channels.ts';
import type { CheckKindDefinition } from './kind.ts';

export interface PublishingWindowParams {
  channel: ChannelName;
  /** Local wall-clock times, `HH:mm`; a window may run past midnight (22:00–06:00). */
  from: string;
  to: string;
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * A requested publication time outside the channel's local posting window: the scheduler will move it.
 * The tenant's own Facebook posting window, which the scheduler follows, wins over the rule file's.
 */
export const publishingWindow: CheckKindDefinition = {
  values: ['time', 'opens', 'closes'],
  run(raw, ctx) {
    const params = raw as unknown as PublishingWindowParams;
    if (ctx.notice.publishAt === undefined || !noticeChannels(ctx).has(params.channel)) return [];
    const at = parseLocalDateTime(ctx.notice.publishAt, ctx.tenant.timeZone);
    if (!at.ok) return [];
    const window = params.channel === 'facebook' ? (ctx.tenant.channels.facebook?.postingWindow ?? params) : params;
    const minute = at.value.hour * 60 + at.value.minute;
    const opens = minutesOf(window.from);
    const closes = minutesOf(window.to);
    const inside = opens <= closes ? minute >= opens && minute < closes : minute >= opens || minute < closes;
    return inside ? [] : [{ path: '/publishAt', values: { time: at.value.toFormat('HH:mm'), opens: window.from, closes: window.to } }];
  },
};
