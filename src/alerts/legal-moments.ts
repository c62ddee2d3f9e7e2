import { DateTime } from 'luxon';
import type { Tenant } from '../config/tenant-types.ts';
import type { NoticeInput } from '../notices/types.ts';
import { isoDate } from '../rules/calendar.ts';
import { dateAfter, type DayUnit } from '../rules/checks/days.ts';
import { resolveDay, resolveInstant } from '../rules/checks/moments.ts';
import type { TenantRuleFile } from '../rules/index.ts';
import type { CheckContext, LegalSource, Messages, Severity } from '../rules/types.ts';

/**
 * A moment the law (or the municipality's reglement) ties to a notice, and when the notice must be
 * out for it to hold: a hearing's 42 days before its comment deadline, a meeting's start, an
 * application deadline. Read from the notice type's rule file — every minimum-duration and
 * minimum-lead-time check measured from the publication — so a changed rule file changes the watch.
 */
export interface LegalMoment {
  /** The rule id, e.g. `plan.ettersyn.frist`. */
  rule: string;
  severity: Severity;
  /** The field holding the moment, e.g. `/fields/commentDeadline`. */
  field: string;
  /** The moment itself (a date counts from its start, in the tenant's zone). */
  at: Date;
  /** The notice must be public before this instant for the rule to hold. */
  outBy: Date;
  /** The rule's own message, for the alert to quote. */
  message: Messages;
  source: LegalSource;
}

interface PeriodParams {
  from?: string;
  to?: string;
  days?: number;
  hours?: number;
  minutes?: number;
  unit?: DayUnit;
}

/** The start of a local day (`YYYY-MM-DD`) in the zone. */
function startOfDay(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/**
 * Every legal moment of a notice version, earliest `outBy` first. Checks the notice set aside with a
 * recorded override do not count. Pure: the clock is not read (`now` only fills the check context).
 */
export function legalMoments(rules: TenantRuleFile, notice: NoticeInput, tenant: Tenant, now: Date): LegalMoment[] {
  const zone = tenant.timeZone;
  const nowLocal = DateTime.fromJSDate(now, { zone });
  const ctx: CheckContext = { notice, tenant, now: nowLocal, plan: [], publication: nowLocal };
  const overridden = new Set((notice.overrides ?? []).map((o) => o.rule));
  const moments: LegalMoment[] = [];
  for (const check of rules.compiled.checks) {
    const { definition } = check;
    if (definition.kind !== 'minDuration' && definition.kind !== 'minLeadTime') continue;
    const params = definition.params as PeriodParams;
    if (params.from !== 'publication' || params.to === undefined || overridden.has(definition.id) || !check.applies(ctx)) continue;
    const base = { rule: definition.id, severity: definition.severity, field: params.to, message: definition.message, source: definition.source };
    if (params.days !== undefined) {
      // Counted in local dates, as the check counts them: out on the last day that still leaves `days`.
      const day = resolveDay(params.to, ctx);
      if (day === undefined) continue;
      const lastDay = dateAfter(day, -params.days, params.unit ?? 'calendar');
      const nextDay = DateTime.fromISO(lastDay, { zone }).plus({ days: 1 }).toISODate() ?? lastDay;
      moments.push({ ...base, at: startOfDay(isoDate(day), zone), outBy: startOfDay(nextDay, zone) });
      continue;
    }
    const at = resolveInstant(params.to, ctx);
    if (at === undefined) continue;
    const lead = (params.hours ?? 0) * 3_600_000 + (params.minutes ?? 0) * 60_000;
    moments.push({ ...base, at: new Date(at), outBy: new Date(at - lead) });
  }
  return moments.sort((a, b) => a.outBy.getTime() - b.outBy.getTime());
}
