import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import { adContent, AdDoesNotFit, measureAd } from '../channels/newspaper/index.ts';
import type { Tenant } from '../config/tenant-types.ts';
import type { Finding } from '../rules/types.ts';
import type { PlannedPublication } from '../scheduling/types.ts';
import { ownFinding } from './own-finding.ts';
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
      const columns = `${paper.ad.columns} spalter à ${paper.ad.columnWidthMm} mm`;
      findings.push(
        ownFinding(
          AD_TOO_TALL,
          '/body',
          {
            nb: `Annonsen i ${paper.name} blir ${error.neededMm} mm høy, men avisen tar høyst ${error.maxHeightMm} mm (${columns}). Kort ned teksten.`,
            nn: `Annonsen i ${paper.name} blir ${error.neededMm} mm høg, men avisa tek høgst ${error.maxHeightMm} mm (${columns}). Kort ned teksten.`,
            en: `The ad in ${paper.name} would be ${error.neededMm} mm tall, but the paper takes at most ${error.maxHeightMm} mm (${paper.ad.columns} columns of ${paper.ad.columnWidthMm} mm). Shorten the text.`,
          },
          lang,
        ),
      );
    }
  }
  return findings;
}

/** A notice of ordinary length, laid out at start-up only to warm the layout code and font. */
const WARM_UP_NOTICE: NoticeInput = {
  type: 'announcement',
  language: 'nb',
  title: 'Stengt vannforsyning i sentrum',
  body: 'Vannet blir stengt tirsdag fra klokka 09 til 15 på grunn av arbeid på hovedledningen.\n\nBeboere i området får vann fra tankbil ved rådhuset.',
  fields: {},
};

/**
 * Lays out a sample ad for every newspaper `rounds` times. The first layouts of a process parse the
 * font and run cold code (the first took 470 ms, the next ten 60–120 ms, then 10 ms): done before the
 * API listens, the first notices after a start are not the ones that wait.
 */
export function warmUpAdFit(tenants: readonly Tenant[], now: DateTime, rounds: number): void {
  for (let round = 0; round < rounds; round++) {
    for (const tenant of tenants) {
      const plan = tenant.channels.newspapers.map((paper) => ({
        channel: 'newspaper' as const,
        target: paper.id,
        scheduledAt: now.toJSDate(),
        appearsAt: now.toJSDate(),
        issueDate: now.toISODate() ?? '',
      }));
      adFitErrors(WARM_UP_NOTICE, tenant, plan, now, 'nb');
    }
  }
}
