import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import { adContent, AdDoesNotFit, measureAd } from '../channels/newspaper/index.ts';
import type { Tenant } from '../config/tenant-types.ts';
import type { Finding } from '../rules/types.ts';
import type { PlannedPublication } from '../scheduling/types.ts';
import type { NoticeInput } from './types.ts';

export const AD_TOO_TALL = 'newspaper.ad_too_tall';

/**
 * Lays the ad out for each planned newspaper, as the worker will at the deadline, and refuses a text
 * that would not fit the paper's maximum height: better told now than failed at the deadline, and
 * never silently cut. (Not in the pure assessment: it measures text with the embedded font.)
 */
export function adFitErrors(notice: NoticeInput, tenant: Tenant, plan: readonly PlannedPublication[], now: DateTime, lang: 'nb' | 'nn' | 'en'): Finding[] {
  const findings: Finding[] = [];
  for (const booked of plan) {
    if (booked.channel !== 'newspaper' || booked.issueDate === undefined) continue;
    const paper = tenant.channels.newspapers.find((p) => p.id === booked.target);
    if (!paper) continue;
    try {
      measureAd(
        adContent({
          publicationId: randomUUID(),
          channel: 'newspaper',
          target: paper.id,
          tenant,
          // A stand-in id of a real id's length: the ad prints the notice's web address.
          notice: { id: randomUUID(), version: 1, type: notice.type, content: notice, publishAt: now.toJSDate(), ruleVersion: '' },
          scheduledAt: booked.scheduledAt,
          appearsAt: booked.appearsAt,
          issueDate: booked.issueDate,
          attempt: 0,
          attemptStartedAt: now.toJSDate(),
        }),
      );
    } catch (error) {
      if (!(error instanceof AdDoesNotFit)) throw error;
      const nb = `Annonsen i ${paper.name} blir ${error.neededMm} mm høy, men avisen tar høyst ${error.maxHeightMm} mm (${paper.ad.columns} spalter à ${paper.ad.columnWidthMm} mm). Kort ned teksten.`;
      const en = `The ad in ${paper.name} would be ${error.neededMm} mm tall, but the paper takes at most ${error.maxHeightMm} mm (${paper.ad.columns} columns of ${paper.ad.columnWidthMm} mm). Shorten the text.`;
      findings.push({ rule: AD_TOO_TALL, severity: 'error', path: '/body', message: lang === 'en' ? en : nb, messages: { nb, en } });
    }
  }
  return findings;
}
