import { DateTime } from 'luxon';
import type { Messages } from '../rules/types.ts';
import type { CandidateRow } from '../store/alert-candidates.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';
import { alertConfigOf } from './config.ts';
import { legalMoments, type LegalMoment } from './legal-moments.ts';
import type { AlertFacts, AlertNotice, Problem } from './types.ts';

/** A Facebook Page that cannot be used, as the watch names it. */
export interface ClosedPage {
  tenantSlug: string;
  /** Facebook's complaint, as kept with the Page (message, code, what to do). */
  problem: Record<string, unknown> | null;
}

export interface ProblemInput {
  rows: readonly CandidateRow[];
  closedPages: readonly ClosedPage[];
  directory: TenantDirectory;
  now: Date;
  /** How late an open publication may be before it counts as stuck. */
  overdueGraceMs: number;
}

const OPEN = new Set(['pending', 'scheduled', 'publishing']);

function noticeOf(row: CandidateRow): AlertNotice {
  return {
    id: row.noticeId,
    version: row.noticeVersion,
    type: row.noticeType,
    title: row.content.title,
    publicationId: row.id,
    state: row.state,
    scheduledAt: row.scheduledAt.toISOString(),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/** The channel's own words and advice, from a publication's `last_error` or a Page's complaint. */
function channelWords(error: Record<string, unknown> | null): { problem: string | null; what: Messages | null } {
  const details = record(error?.details);
  const what = record(details?.what) ?? record(error?.what);
  const advice = what && typeof what.nb === 'string' && typeof what.en === 'string' ? { nb: what.nb, en: what.en } : null;
  return { problem: text(details?.message) ?? text(error?.message), what: advice };
}

function momentFacts(moment: LegalMoment | undefined): Pick<AlertFacts, 'deadline' | 'moment'> {
  if (!moment) return { deadline: null, moment: null };
  return { deadline: moment.outBy.toISOString(), moment: { rule: moment.rule, at: moment.at.toISOString(), message: moment.message, source: moment.source } };
}

class Collector {
  readonly byTenant = new Map<string, Problem[]>();
  private readonly paused = new Map<string, Problem>();

  add(tenantSlug: string, problem: Problem): void {
    this.byTenant.set(tenantSlug, [...(this.byTenant.get(tenantSlug) ?? []), problem]);
  }

  /** One problem per paused channel of a tenant, however many notices wait on it. */
  waitingOn(row: CandidateRow, page: ClosedPage): void {
    const existing = this.paused.get(row.tenantSlug);
    if (existing) {
      if (!existing.facts.notices.some((n) => n.id === row.noticeId)) existing.facts.notices.push(noticeOf(row));
      if (row.submitterEmail && !existing.submitterEmails.includes(row.submitterEmail)) existing.submitterEmails.push(row.submitterEmail);
      return;
    }
    const problem: Problem = {
      key: 'paused:facebook',
      kind: 'channel-paused',
      facts: { channel: 'facebook', target: null, notices: [noticeOf(row)], deadline: null, moment: null, ...channelWords(page.problem) },
      submitterEmails: row.submitterEmail ? [row.submitterEmail] : [],
    };
    this.paused.set(row.tenantSlug, problem);
    this.add(row.tenantSlug, problem);
  }
}

/**
 * Turns the candidate publications into problems, one per key: what is wrong, by when it must be
 * right, in the channel's own words. Pure: the clock and the Pages' state are passed in.
 */
export function findProblems(input: ProblemInput): Map<string, Problem[]> {
  const { now } = input;
  const found = new Collector();
  const closed = new Map(input.closedPages.map((p) => [p.tenantSlug, p]));
  const moments = new Map<string, LegalMoment[]>();

  for (const row of input.rows) {
    const entry = input.directory.get(row.tenantSlug);
    if (!entry) continue;
    const { tenant } = entry;
    const rules = entry.rules.get(row.noticeType);
    const config = alertConfigOf(tenant);
    const emails = row.submitterEmail ? [row.submitterEmail] : [];
    const key = `${row.noticeId}:${row.noticeVersion}`;
    let noticeMoments = moments.get(key);
    if (!noticeMoments) {
      noticeMoments = rules ? legalMoments(rules, row.content, tenant, now) : [];
      moments.set(key, noticeMoments);
    }
    const binding = noticeMoments[0];
    const base = { channel: row.channel, target: row.target, notices: [noticeOf(row)] };

    if (row.state === 'failed') {
      found.add(tenant.slug, { key: `failed:${row.id}`, kind: 'publication-failed', facts: { ...base, ...momentFacts(binding), ...channelWords(row.lastError) }, submitterEmails: emails });
      continue;
    }
    if (row.state === 'delivered') {
      const paper = tenant.channels.newspapers.find((n) => n.id === row.target);
      if (!paper || row.issueDate === null) continue;
      // As the notice view flags it (src/notices/present.ts): overdue from the day after `confirmBy`.
      const overdueFrom = DateTime.fromISO(row.issueDate, { zone: tenant.timeZone }).plus({ days: paper.confirmWithinDays + 1 });
      if (now.getTime() < overdueFrom.toMillis()) continue;
      found.add(tenant.slug, {
        key: `unconfirmed:${row.id}`,
        kind: 'newspaper-unconfirmed',
        facts: { ...base, target: paper.name, deadline: overdueFrom.toJSDate().toISOString(), moment: null, problem: null, what: null },
        submitterEmails: emails,
      });
      continue;
    }
    if (!OPEN.has(row.state)) continue;
    const page = row.channel === 'facebook' ? closed.get(tenant.slug) : undefined;
    if (page) found.waitingOn(row, page);

    if (!rules?.channels.mandatory.includes(row.channel)) continue;
    const overdue = row.scheduledAt.getTime() <= now.getTime() - input.overdueGraceMs;
    const troubled = overdue || row.lastError !== null || row.noticeStatus === 'awaiting_approval';
    // With a legal moment: anything wrong within the margin. Without one, the planned time is the
    // promise: a publication that should be out by now and is not.
    const atRisk = binding ? troubled && now.getTime() >= binding.outBy.getTime() - config.deadlineMarginHours * 3_600_000 : overdue;
    if (!atRisk) continue;
    const deadline = binding ? momentFacts(binding) : { deadline: row.scheduledAt.toISOString(), moment: null };
    found.add(tenant.slug, { key: `deadline:${row.id}`, kind: 'deadline', facts: { ...base, ...deadline, ...channelWords(row.lastError) }, submitterEmails: emails });
  }
  return found.byTenant;
}
