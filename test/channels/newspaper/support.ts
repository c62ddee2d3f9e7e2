import { createHash } from 'node:crypto';
import type { NoticeInput } from '../../../src/notices/types.ts';
import type { NoticeView } from '../../../src/notices/present.ts';
import type { TestApp } from '../../helpers/app.ts';
import { example } from '../../helpers/examples.ts';
import { submitAccepted } from '../../helpers/workers.ts';

/** Friday 1 March 2030, a minute before Glåmdalen's 12:00 deadline for Tuesday 5 March (Åsnes). */
export const BEFORE_DEADLINE = new Date('2030-03-01T10:59:00Z');
export const DEADLINE = new Date('2030-03-01T11:00:00Z');
export const ISSUE = '2030-03-05';

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** An announcement for the website and the newspaper, titled `title`. */
export function newspaperAnnouncement(title: string): NoticeInput {
  return { ...example('announcement'), title, channels: ['website', 'newspaper'] };
}

/** Submits `count` newspaper announcements; returns each with its newspaper publication's id. */
export async function submitNewspaperNotices(t: TestApp, key: string, count: number, prefix = 'Annonse'): Promise<{ notice: NoticeView; publicationId: string }[]> {
  const out: { notice: NoticeView; publicationId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const notice = await submitAccepted(t, key, newspaperAnnouncement(`${prefix} ${i + 1}: æøå`));
    const paper = notice.publications.find((p) => p.channel === 'newspaper');
    if (!paper) throw new Error('no newspaper publication planned');
    out.push({ notice, publicationId: paper.id });
  }
  return out;
}
