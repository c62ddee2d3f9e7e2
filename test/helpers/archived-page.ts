import { appendRecords, sealTenant } from '../../src/archive/index.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import type { Clock } from '../../src/time/clock.ts';
import type { TestApp } from './app.ts';
import { example } from './examples.ts';
import { submitAccepted, tenantId, websiteAnnouncement } from './workers.ts';

/** This year: closed by the clock below, so its extraction may be exported. */
export const CLOSED_YEAR = new Date().getFullYear();

/** The app's clock for these tests: 2 January next year, so this year is a closed period. */
export const afterClosedYear: Clock = () => new Date(`${CLOSED_YEAR + 1}-01-02T09:00:00Z`);

/** The exact bytes archived as the published page. */
export const ARCHIVED_PAGE = '<!doctype html><html lang="nb"><main><h1>Vannet stenges</h1><p>Natt til tirsdag.</p></main></html>';

/**
 * An Åsnes announcement, «Vannet stenges», submitted by a communications officer; its website page
 * archived as published (`ARCHIVED_PAGE`) and sealed: record 1 of Åsnes's chain.
 */
export async function archivePublishedPage(t: TestApp): Promise<NoticeView> {
  const comms = await t.key('asnes', 'communications');
  const notice = await submitAccepted(t, comms, websiteAnnouncement(example('announcement'), `${CLOSED_YEAR + 1}-03-01T10:00:00+01:00`, 'Vannet stenges'));
  const id = await tenantId(t.db.pool, 'asnes');
  await appendRecords(t.db.pool, [
    {
      tenantId: id,
      noticeId: notice.id,
      noticeVersion: 1,
      publicationId: notice.publications[0]?.id ?? null,
      channel: 'website',
      event: 'published',
      content: Buffer.from(ARCHIVED_PAGE),
      contentType: 'text/html; charset=utf-8',
      ruleVersion: 'test',
      receipt: { url: 'https://example.no/vann' },
    },
  ]);
  await sealTenant(t.db.pool, id);
  return notice;
}
