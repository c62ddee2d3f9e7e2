import type { DateTime } from 'luxon';
import type { Newspaper, Tenant } from '../config/tenant-types.ts';
import type { ChannelName } from '../notices/types.ts';
import { bookIssue } from './newspaper-booking.ts';
import { moveIntoWindow } from './posting-window.ts';
import type { PlannedPublication } from './types.ts';

export interface PlanRequest {
  channels: readonly ChannelName[];
  tenant: Tenant;
  /** The clock, passed in. */
  now: DateTime;
  /** The requested publication moment; absent or past means as soon as possible. */
  publishAt?: DateTime;
}

/** A requested channel (or, for newspapers, one newspaper) that the tenant's configuration cannot serve. */
export interface UnservableChannel {
  channel: ChannelName;
  /** The newspaper id when one newspaper is the problem; null when the whole channel is. */
  target: string | null;
  reason: 'not-configured' | 'no-issue-weekdays';
}

function printsIssues(paper: Newspaper): boolean {
  return paper.issueWeekdays.length > 0;
}

/**
 * Which of `channels` the tenant cannot serve. {@link planPublications} leaves exactly these out, so a caller
 * that must not lose a channel (a mandatory one above all) asks here first and reports them.
 */
export function unservableChannels(channels: readonly ChannelName[], tenant: Tenant): UnservableChannel[] {
  const unservable: UnservableChannel[] = [];
  for (const channel of new Set(channels)) {
    if (channel === 'facebook' && !tenant.channels.facebook) {
      unservable.push({ channel, target: null, reason: 'not-configured' });
    } else if (channel === 'newspaper') {
      const papers = tenant.channels.newspapers;
      if (papers.length === 0) unservable.push({ channel, target: null, reason: 'not-configured' });
      for (const paper of papers.filter((p) => !printsIssues(p))) {
        unservable.push({ channel, target: paper.id, reason: 'no-issue-weekdays' });
      }
    }
  }
  return unservable;
}

function immediate(channel: ChannelName, at: DateTime): PlannedPublication {
  return { channel, target: null, scheduledAt: at.toJSDate(), appearsAt: at.toJSDate() };
}

function newspaperPublication(paper: Newspaper, zone: string, earliest: DateTime): PlannedPublication {
  const issue = bookIssue(paper, zone, earliest);
  // Only a booking deadline longer than the search horizon gets here: a configuration error, not a user's.
  if (!issue) throw new RangeError(`newspaper ${paper.id}: no bookable issue within the search horizon`);
  return {
    channel: 'newspaper',
    target: paper.id,
    scheduledAt: issue.deadline.toJSDate(),
    appearsAt: issue.appearsAt.toJSDate(),
    issueDate: issue.issueDate,
  };
}

/**
 * When each requested channel publishes: the website at `publishAt` (never before `now`), Facebook at the
 * same moment moved into the tenant's posting window, and every newspaper of the tenant in the first issue
 * whose booking deadline is still ahead, acting at that deadline. Channels listed by
 * {@link unservableChannels} are left out.
 */
export function planPublications({ channels, tenant, now, publishAt }: PlanRequest): PlannedPublication[] {
  const zone = tenant.timeZone;
  // A publishAt in the past cannot be honoured; it means as soon as possible, like none at all.
  const earliest = (publishAt && publishAt.toMillis() > now.toMillis() ? publishAt : now).setZone(zone);
  const plan: PlannedPublication[] = [];
  for (const channel of new Set(channels)) {
    switch (channel) {
      case 'website':
        plan.push(immediate(channel, earliest));
        break;
      case 'facebook': {
        const facebook = tenant.channels.facebook;
        if (facebook) plan.push(immediate(channel, moveIntoWindow(earliest, facebook.postingWindow, zone)));
        break;
      }
      case 'newspaper':
        for (const paper of tenant.channels.newspapers.filter(printsIssues)) {
          plan.push(newspaperPublication(paper, zone, earliest));
        }
        break;
    }
  }
  return plan;
}
