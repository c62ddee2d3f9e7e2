import type { PlannedPublication } from '../scheduling/types.ts';
import type { NoticeRow, PublicationRow } from '../store/notices.ts';
import { localIso as local } from '../time/local-instant.ts';

function presentPublication(p: PublicationRow, zone: string) {
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
  };
}

/** The API's view of a notice: the text as written, its state, and each publication in UTC and local time. */
export function presentNotice(row: NoticeRow, zone: string) {
  const { content } = row;
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
    publications: row.publications.map((p) => presentPublication(p, zone)),
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
