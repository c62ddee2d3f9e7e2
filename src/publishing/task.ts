import type { PublicationTask } from '../channels/types.ts';
import type { Tenant } from '../config/tenant-types.ts';
import type { LoadedPublication } from '../store/publications.ts';

/** What a worker hands a channel adapter for one publication. */
export function taskFor(p: LoadedPublication, tenant: Tenant, attempt: number, attemptStartedAt: Date): PublicationTask {
  return {
    publicationId: p.id,
    channel: p.channel,
    target: p.target,
    tenant,
    notice: p.notice,
    scheduledAt: p.scheduledAt,
    appearsAt: p.appearsAt,
    issueDate: p.issueDate,
    attempt,
    attemptStartedAt,
  };
}
