import type { Newspaper, Tenant } from '../../config/tenant-types.ts';
import type { NoticeType } from '../../notices/types.ts';
import type { Artifact, PublicationTask } from '../types.ts';
import { PT_PER_MM } from './ad-layout.ts';
import { adContent, issueDateOf, paperOf } from './ad-content.ts';
import { renderAdText } from './ad-text.ts';

/** One ad in a batch: the rendered PDF (the archived artifact) and its plain-text twin. */
export interface BatchAd {
  publicationId: string;
  noticeId: string;
  noticeVersion: number;
  type: NoticeType;
  title: string;
  pdf: Buffer;
  text: Buffer;
  widthMm: number;
  heightMm: number;
}

/** Every ad booked into one issue of one paper that goes out in one delivery. */
export interface Batch {
  id: string;
  tenant: Tenant;
  paper: Newspaper;
  issueDate: string;
  /** When the batch was put together: the manifest's `createdAt`. */
  createdAt: Date;
  ads: BatchAd[];
}

/** The page size of a rendered ad, read back from its MediaBox, in whole mm. */
export function pdfSizeMm(pdf: Buffer): { widthMm: number; heightMm: number } {
  const match = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
  if (!match) throw new Error('the ad PDF has no MediaBox');
  return { widthMm: Math.round(Number(match[1]) / PT_PER_MM), heightMm: Math.round(Number(match[2]) / PT_PER_MM) };
}

/** A batch from rendered publications, all of the same tenant, paper and issue (checked). */
export function batchOf(id: string, createdAt: Date, items: readonly { task: PublicationTask; artifact: Artifact }[]): Batch {
  const first = items[0];
  if (!first) throw new Error('a batch needs at least one ad');
  const paper = paperOf(first.task);
  const issueDate = issueDateOf(first.task);
  const ads = items.map(({ task, artifact }) => {
    if (task.tenant.slug !== first.task.tenant.slug || task.target !== paper.id || task.issueDate !== issueDate) {
      throw new Error(`publication ${task.publicationId} belongs to another issue than the batch`);
    }
    return {
      publicationId: task.publicationId,
      noticeId: task.notice.id,
      noticeVersion: task.notice.version,
      type: task.notice.type,
      title: task.notice.content.title,
      pdf: artifact.bytes,
      text: Buffer.from(renderAdText(adContent(task)), 'utf8'),
      ...pdfSizeMm(artifact.bytes),
    };
  });
  ads.sort((a, b) => a.noticeId.localeCompare(b.noticeId));
  return { id, tenant: first.task.tenant, paper, issueDate, createdAt, ads };
}
