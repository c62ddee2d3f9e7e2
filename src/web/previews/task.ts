import { DateTime } from 'luxon';
import type { PublicationTask } from '../../channels/types.ts';
import type { Tenant } from '../../config/tenant-types.ts';
import type { ChannelName } from '../../notices/types.ts';
import type { NoticeRow } from '../../store/notices.ts';

/**
 * The task a worker would hand the channel for this notice: its planned publication on the channel
 * when there is one (the newspaper and issue it is booked into), else as if it went out now.
 */
export function previewTask(row: NoticeRow, tenant: Tenant, channel: ChannelName, now: Date): PublicationTask {
  const planned = row.publications.find((p) => p.channel === channel && p.state !== 'superseded');
  const paper = tenant.channels.newspapers[0];
  return {
    publicationId: planned?.id ?? row.id,
    channel,
    target: planned ? planned.target || null : channel === 'newspaper' ? (paper?.id ?? null) : null,
    tenant,
    notice: { id: row.id, version: row.version, type: row.type, content: row.content, publishAt: row.publishAt, ruleVersion: row.ruleVersion },
    scheduledAt: planned?.scheduledAt ?? now,
    appearsAt: planned?.appearsAt ?? now,
    issueDate: planned?.issueDate ?? (channel === 'newspaper' ? DateTime.fromJSDate(now, { zone: tenant.timeZone }).toISODate() : null),
    attempt: 1,
    attemptStartedAt: now,
  };
}
