import type { Newspaper } from '../../config/tenant-types.ts';
import { readFacts } from '../website/facts.ts';
import { labelsFor } from '../website/labels/index.ts';
import { noticeUrl } from '../website/paths.ts';
import { PermanentChannelError, type PublicationTask } from '../types.ts';
import { adFacts, type AdFact } from './ad-facts.ts';

/** A notice in one more language (samelova § 3-2: Sami beside Norwegian in the same ad). */
export interface AdSection {
  language: string;
  title: string;
  paragraphs: string[];
}

/** What an ad says, in reading order; the PDF and the plain text are two layouts of it. */
export interface AdContent {
  language: string;
  municipality: string;
  /** "Plansak", "Møte" …: the kicker above the title. */
  kind: string;
  title: string;
  paragraphs: string[];
  facts: AdFact[];
  translations: AdSection[];
  /** The notice's page on the municipality's website, where the full text and documents are. */
  moreInfo: { label: string; url: string };
  paper: Newspaper;
  issueDate: string;
}

/** Blank-line-separated paragraphs, trimmed; single newlines kept inside a paragraph. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
}

/** The newspaper this publication is booked in, by its target id. */
export function paperOf(task: PublicationTask): Newspaper {
  const paper = task.tenant.channels.newspapers.find((p) => p.id === task.target);
  if (!paper) throw new PermanentChannelError(`newspaper "${task.target ?? ''}" is not configured for ${task.tenant.slug}`, { target: task.target });
  return paper;
}

export function issueDateOf(task: PublicationTask): string {
  if (task.issueDate === null) throw new PermanentChannelError('a newspaper publication needs an issue date', { publicationId: task.publicationId });
  return task.issueDate;
}

/** Everything the ad says for this publication. Pure. */
export function adContent(task: PublicationTask): AdContent {
  const { content } = task.notice;
  const lang = content.language;
  const labels = labelsFor(lang);
  const zone = task.tenant.timeZone;
  const issueDate = issueDateOf(task);
  return {
    language: lang,
    municipality: task.tenant.name,
    kind: labels.typeNames[content.type],
    title: content.title,
    paragraphs: paragraphsOf(content.body),
    facts: adFacts(readFacts(content, zone), labels, lang, issueDate, zone),
    translations: (content.translations ?? []).map((t) => ({ language: t.language, title: t.title, paragraphs: paragraphsOf(t.body) })),
    moreInfo: { label: labels.fields.moreInfo, url: noticeUrl(task.tenant, task.notice.id) },
    paper: paperOf(task),
    issueDate,
  };
}
