import type { ChannelName } from '../notices/types.ts';

/*
 * Every queue key starts with the prefix HERALD_QUEUE_PREFIX (`{herald}`): the braces are a Redis Cluster
 * hash tag, so all of a queue's keys land in one slot and BullMQ's multi-key scripts work on a cluster
 * (principle 7). Tests use their own prefix, e.g. `{herald-test-1a2b}`, so parallel files never share a queue.
 */

/** One queue per channel, so a Facebook outage never holds back the website. */
export function channelQueueName(channel: ChannelName): string {
  return `publish-${channel}`;
}

/** Sealing the archive and reconciling PostgreSQL with Redis. */
export const MAINTENANCE_QUEUE = 'maintenance';

/** Alert deliveries (e-mail, webhook) of the deadline watch, retried with backoff. */
export const ALERTS_QUEUE = 'alerts';
