import type { FastifyBaseLogger } from 'fastify';
import type { SettledPublication } from './settled.ts';

/**
 * One line per publication settled, with the correlation fields every Herald log line uses (tenant,
 * noticeId, noticeVersion, publicationId, channel, attempt): a batch's members show up under their
 * own ids, not only the job that carried them.
 */
export function logSettled(log: FastifyBaseLogger, settled: readonly SettledPublication[]): void {
  for (const s of settled) {
    const p = s.publication;
    const fields = { event: `publication.${s.state}`, tenant: p.tenantSlug, noticeId: p.notice.id, noticeVersion: p.notice.version, publicationId: p.id, channel: p.channel, target: p.target, attempt: s.attempt };
    if (s.state === 'failed') log.warn(fields, 'publication failed for good');
    else if (s.state === 'retry') log.warn(fields, 'publication attempt failed; it will be retried');
    else log.info(fields, `publication ${s.state}`);
  }
}
