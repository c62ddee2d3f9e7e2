import { DateTime } from 'luxon';
import type { Tenant } from '../config/tenant-types.ts';
import { evaluate, type TenantRuleFile } from '../rules/index.ts';
import type { Finding } from '../rules/types.ts';
import { publicationMoment, upcomingIssues } from '../scheduling/index.ts';
import type { PlannedPublication } from '../scheduling/types.ts';
import { ownFinding } from './own-finding.ts';
import type { NoticeInput } from './types.ts';

/** The rule id of the intake error "no issue of this paper is in time". */
export const NO_ISSUE_IN_TIME = 'newspaper.no_issue';

/** How many bookable issues the error names. */
const ISSUES_NAMED = 4;

const key = (f: Finding): string => `${f.rule}|${f.path}`;

/**
 * A newspaper prints only on its issue days, after its booking deadline. Where that makes a legal date
 * impossible — a meeting announced only after it starts, a hearing whose period from the print date is
 * too short — the notice is refused at intake, naming the issues that could be booked, instead of
 * being discovered when the ad goes out. The rules are evaluated once as if every paper printed at the
 * earliest moment, and once per paper at its booked issue: errors that appear only at the issue are the
 * paper's. Pure, like the rest of the assessment.
 */
export function newspaperIssueErrors(
  notice: NoticeInput,
  tenant: Tenant,
  rules: TenantRuleFile,
  plan: readonly PlannedPublication[],
  now: DateTime,
  earliest: DateTime,
  lang: 'nb' | 'nn' | 'en',
): Finding[] {
  const papers = plan.filter((p) => p.channel === 'newspaper' && p.issueDate !== undefined);
  if (papers.length === 0) return [];
  const zone = tenant.timeZone;
  const mandatory = rules.channels.mandatory;
  const ctxOf = (planned: readonly PlannedPublication[], publication: DateTime) => ({ notice, tenant, now, plan: [...planned], publication });
  const asIfNow = plan.map((p) => (p.channel === 'newspaper' ? { ...p, appearsAt: earliest.toJSDate() } : p));
  const baseline = publicationMoment(asIfNow, mandatory, zone);
  const lawful = new Set(evaluate(rules, ctxOf(asIfNow, baseline), lang).errors.map(key));

  const findings: Finding[] = [];
  for (const booked of papers) {
    const paper = tenant.channels.newspapers.find((p) => p.id === booked.target);
    if (!paper || booked.appearsAt.getTime() <= baseline.toMillis()) continue;
    const atIssue = DateTime.fromMillis(booked.appearsAt.getTime(), { zone });
    const caused = evaluate(rules, ctxOf(plan, atIssue), lang).errors.filter((e) => !lawful.has(key(e)));
    const first = caused[0];
    if (!first) continue;
    const issues = upcomingIssues(paper, zone, earliest, ISSUES_NAMED);
    const dates = issues.map((i) => i.issueDate).join(', ');
    const deadline = issues[0]?.deadline.setZone(zone).toFormat('yyyy-MM-dd HH:mm') ?? '';
    const rulesIn = (language: 'nb' | 'nn' | 'en'): string => caused.map((e) => `${e.rule} (${e.messages[language] ?? e.messages.nb})`).join('; ');
    const later = dates.split(', ').slice(1).join(', ');
    const messages = {
      nb: `Ingen utgave av ${paper.name} rekker det loven krever: den første som kan bestilles, er ${booked.issueDate ?? ''} (bestillingsfrist ${deadline}); deretter ${later}. For sent for ${rulesIn('nb')}. Velg en senere dato eller en annen kanal.`,
      nn: `Inga utgåve av ${paper.name} rekk det lova krev: den første som kan bestillast, er ${booked.issueDate ?? ''} (bestillingsfrist ${deadline}); deretter ${later}. For seint for ${rulesIn('nn')}. Vel ein seinare dato eller ein annan kanal.`,
      en: `No issue of ${paper.name} is in time for what the law requires: the first that can be booked is ${booked.issueDate ?? ''} (booking closes ${deadline}); then ${later}. Too late for ${rulesIn('en')}. Choose a later date or another channel.`,
    };
    findings.push({ ...ownFinding(NO_ISSUE_IN_TIME, first.path, messages, lang), ...(first.source ? { source: first.source } : {}) });
  }
  return findings;
}
