import { DateTime } from 'luxon';
import type { Newspaper } from '../config/tenant-types.ts';
import type { PlannedPublication } from '../scheduling/types.ts';
import type { NoticeRow, PublicationRow } from '../store/notices.ts';
import { localIso as local } from '../time/local-instant.ts';

/** What a view needs to flag what someone must follow up: the clock and the tenant's papers. */
export interface AttentionContext {
  now: Date;
  newspapers: readonly Newspaper[];
}

/** The attention flag of a delivered ad whose proof is overdue: someone should call the paper. */
export const NEWSPAPER_UNCONFIRMED = 'newspaper.unconfirmed';

/**
 * A newspaper ad's proof is due by the end of `confirmWithinDays` after its issue date (tenant zone);
 * still `delivered` after that, it is flagged.
 */
function confirmation(p: PublicationRow, zone: string, ctx: AttentionContext | undefined): { confirmBy: string | null; unconfirmed: boolean } {
  const paper = ctx?.newspapers.find((n) => n.id === p.target);
  if (p.channel !== 'newspaper' || p.issueDate === null || !paper || !ctx) return { confirmBy: null, unconfirmed: false };
  const confirmBy = DateTime.fromISO(p.issueDate, { zone }).plus({ days: paper.confirmWithinDays });
  const overdue = ctx.now.getTime() >= confirmBy.plus({ days: 1 }).toMillis();
  return { confirmBy: confirmBy.toISODate(), unconfirmed: p.state === 'delivered' && overdue };
}

/**
 * What must be done about a newspaper ad withdrawn after it was handed to the paper: before its issue
 * appears, ask the paper to pull it; after, a correction must be printed (POST
 * /v1/notices/:id/newspaper-correction books one). Null for anything else.
 */
function followUp(noticeId: string, p: PublicationRow, zone: string, ctx: AttentionContext | undefined) {
  if (p.channel !== 'newspaper' || p.deliveredAt === null || (p.state !== 'withdrawn' && p.state !== 'withdrawing')) return null;
  const paper = ctx?.newspapers.find((n) => n.id === p.target)?.name ?? p.target;
  const withdrawnAt = p.withdrawnAt ?? ctx?.now ?? new Date();
  const issue = p.issueDate ?? DateTime.fromJSDate(p.appearsAt, { zone }).toISODate() ?? '';
  if (withdrawnAt.getTime() < p.appearsAt.getTime()) {
    return {
      action: 'pull' as const,
      paper,
      issueDate: issue,
      instructions: `Annonsen er allerede sendt til ${paper}. Ring avisens annonseavdeling og be dem ta den ut av utgaven ${issue}; en merknad om trekket ligger i leveransen.`,
    };
  }
  return {
    action: 'correction' as const,
    paper,
    issueDate: issue,
    instructions: `Annonsen sto i ${paper} ${issue}. Kunngjør at den er trukket tilbake: bestill en rettelse (POST /v1/notices/${noticeId}/newspaper-correction) i neste utgave.`,
  };
}

function presentPublication(noticeId: string, p: PublicationRow, zone: string, ctx?: AttentionContext) {
  return {
    id: p.id,
    channel: p.channel,
    target: p.target === '' ? null : p.target,
    state: p.state,
    scheduledAt: p.scheduledAt.toISOString(),
    scheduledAtLocal: local(p.scheduledAt, zone),
    appearsAt: p.appearsAt.toISOString(),
    appearsAtLocal: local(p.appearsAt, zone),
    issueDate: p.issueDate,
    attempts: p.attempts,
    externalUrl: p.externalUrl,
    lastError: p.lastError,
    ...confirmation(p, zone, ctx),
    followUp: followUp(noticeId, p, zone, ctx),
  };
}

/** The API's view of a notice: the text as written, its state, and each publication in UTC and local time. */
export function presentNotice(row: NoticeRow, zone: string, ctx?: AttentionContext) {
  const { content } = row;
  const publications = row.publications.map((p) => presentPublication(row.id, p, zone, ctx));
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    version: row.version,
    language: content.language,
    title: content.title,
    body: content.body,
    publishAt: row.publishAt.toISOString(),
    channels: content.channels ?? [],
    fields: content.fields,
    attachments: content.attachments ?? [],
    translations: content.translations ?? [],
    overrides: content.overrides ?? [],
    ruleVersion: row.ruleVersion,
    warnings: row.warnings,
    submittedBy: row.submittedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publications,
    /** What someone should follow up, e.g. `newspaper.unconfirmed` (call the paper). */
    attention: publications.some((p) => p.unconfirmed) ? [NEWSPAPER_UNCONFIRMED] : [],
  };
}

export type NoticeView = ReturnType<typeof presentNotice>;

/** The planned schedule of a dry run: each channel's instant in UTC and in the tenant's local time. */
export function presentPlan(plan: readonly PlannedPublication[], zone: string) {
  return plan.map((p) => ({
    channel: p.channel,
    target: p.target,
    scheduledAt: p.scheduledAt.toISOString(),
    scheduledAtLocal: local(p.scheduledAt, zone),
    appearsAt: p.appearsAt.toISOString(),
    appearsAtLocal: local(p.appearsAt, zone),
    issueDate: p.issueDate ?? null,
  }));
}
