import assert from 'node:assert/strict';
import { join } from 'node:path';
import { devSealKey, sealDay } from '../../src/archive/seals/index.ts';
import { createNewspaperChannel } from '../../src/channels/newspaper/index.ts';
import type { NoticeInput } from '../../src/notices/types.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { publishNewspaperIssue } from '../../src/publishing/newspaper-batch.ts';
import { example } from '../helpers/examples.ts';
import { archiveRecords, submitAccepted, tenantId, waitFor } from '../helpers/workers.ts';
import { allDayDirectory, ASNES_PAGE, facebookScene, type FacebookScene } from '../publishing/facebook-scene.ts';

export const COMMENTER = 'Kari Kommentarsen';
export const CLOSED_ITEM = 'Tilsetting av rådmann Ola Nordmann';

export interface EveryChannel {
  s: FacebookScene;
  /** Website and Facebook, with a resident's comment harvested. */
  hearing: NoticeView;
  /** Website and newspaper: the ad delivered at the deadline, then confirmed with a page number. */
  printed: NoticeView;
  /** Website only, corrected once (two versions published). */
  corrected: NoticeView;
  /** Website only, published, then withdrawn. */
  withdrawn: NoticeView;
  /** Withdrawn before it went out (cancelled). */
  cancelled: NoticeView;
  /** A meeting with an item behind closed doors (screened in the public journal). */
  meeting: NoticeView;
  tenantId: string;
  close(): Promise<void>;
}

const api = (s: FacebookScene, method: 'POST' | 'PUT', url: string, payload: unknown, key = s.comms) =>
  s.t.app.inject({ method, url, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

async function websiteState(s: FacebookScene, id: string, state: string): Promise<void> {
  await waitFor(`the website publication of ${id} to be ${state}`, async () => {
    const res = await s.t.app.inject({ url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${s.comms}` } });
    return res.json<NoticeView>().publications.some((p) => p.channel === 'website' && p.state === state);
  }, { timeoutMs: 15_000 });
}

/**
 * Notices through every channel and every turn a notice can take, by the real API, workers, fake
 * Graph API and newspaper batch, until every record is sealed: what an export must carry.
 */
export async function everyChannel(): Promise<EveryChannel> {
  const s = await facebookScene({ facebook: { harvestEveryMs: 250 } });
  const now = () => new Date().toISOString();

  const hearing = await s.announce('Høring om ny skolestruktur');
  await s.waitForState(hearing.id, 'published');
  const post = s.fake.posts(ASNES_PAGE).find((p) => p.message.includes(hearing.id));
  assert.ok(post);
  s.fake.addComment(post.id, { name: COMMENTER, message: 'Når er fristen for innspill?' });

  const printed = await submitAccepted(s.t, s.comms, { ...example('announcement'), title: 'Kunngjøring i Glåmdalen', channels: ['website', 'newspaper'], publishAt: now() });
  const paper = printed.publications.find((p) => p.channel === 'newspaper');
  assert.ok(paper);
  const atDeadline = () => new Date(new Date(paper.scheduledAt).getTime() + 1000);
  const newspaper = createNewspaperChannel({ directoryRoot: join(s.t.dataDir, 'newspapers'), clock: atDeadline });
  await publishNewspaperIssue({ pool: s.t.db.pool, directory: allDayDirectory(), newspaper, leaseMs: 5000, clock: atDeadline }, paper.id, false);
  const confirmed = await api(s, 'POST', `/v1/notices/${printed.id}/publications/newspaper/confirm`, { page: 7 });
  assert.equal(confirmed.statusCode, 200, confirmed.body);

  const first: NoticeInput = { ...example('announcement'), title: 'Brannøvelse i Flisa', channels: ['website'], publishAt: now() };
  const corrected = await submitAccepted(s.t, s.comms, first);
  await websiteState(s, corrected.id, 'published');
  const put = await api(s, 'PUT', `/v1/notices/${corrected.id}`, { ...first, title: 'Brannøvelse i Flisa sentrum (rettet)', publishAt: now() });
  assert.equal(put.statusCode, 200, put.body);
  await websiteState(s, corrected.id, 'published');

  const withdrawn = await submitAccepted(s.t, s.comms, { ...example('announcement'), title: 'Stengt bru', channels: ['website'], publishAt: now() });
  await websiteState(s, withdrawn.id, 'published');
  assert.equal((await api(s, 'POST', `/v1/notices/${withdrawn.id}/withdraw`, { reason: 'Brua er åpnet igjen' })).statusCode, 200);
  await websiteState(s, withdrawn.id, 'withdrawn');

  const cancelled = await submitAccepted(s.t, s.comms, { ...example('announcement'), title: 'Avlyst konsert', channels: ['website'], publishAt: new Date(Date.now() + 86_400_000).toISOString() });
  assert.equal((await api(s, 'POST', `/v1/notices/${cancelled.id}/withdraw`, { reason: 'Avlyst' })).statusCode, 200);

  const agenda: NoticeInput = { ...example('meeting'), title: 'Møte i formannskapet', channels: ['website'], publishAt: now() };
  agenda.fields = { ...agenda.fields, agenda: [{ number: 'PS 1/30', title: 'Budsjett 2031' }, { number: 'PS 2/30', title: CLOSED_ITEM, closed: true, legalBasis: 'kommuneloven § 11-5 andre ledd' }] };
  const meeting = await submitAccepted(s.t, s.comms, agenda);
  await websiteState(s, meeting.id, 'published');

  const id = await tenantId(s.t.db.pool, 'asnes');
  await waitFor('the comment to be harvested', async () => (await archiveRecords(s.t.db.pool)).some((r) => r.event === 'comment'), { timeoutMs: 15_000 });
  await sealDay(s.t.db.pool, devSealKey(), { id, slug: 'asnes', timeZone: 'Europe/Oslo' }, new Date());
  await waitFor('every record to be sealed', async () => (await archiveRecords(s.t.db.pool)).every((r) => r.seq !== null), { timeoutMs: 15_000 });
  return { s, hearing, printed, corrected, withdrawn, cancelled, meeting, tenantId: id, close: () => s.close() };
}
