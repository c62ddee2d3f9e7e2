import type { ChannelName } from '../../notices/types.ts';
import { readDateTimeParts, wallTimeOf } from '../../time/local-instant.ts';
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
    const at = readDateTimeParts(ctx.notice.publishAt);
    if (!at) return [];
    const window = params.channel === 'facebook' ? (ctx.tenant.channels.facebook?.postingWindow ?? params) : params;
    // Without an offset the written wall time is the local time; with one, it is moved into the zone.
    const wall = at.offsetMinutes === undefined ? at.wallMs : wallTimeOf(at.wallMs - at.offsetMinutes * 60_000, ctx.tenant.timeZone);
    const minute = Math.floor(wall / 60_000) % (24 * 60);
    const opens = minutesOf(window.from);
    const closes = minutesOf(window.to);
    const inside = opens <= closes ? minute >= opens && minute < closes : minute >= opens || minute < closes;
    const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    return inside ? [] : [{ path: '/publishAt', values: { time, opens: window.from, closes: window.to } }];
  },
};
