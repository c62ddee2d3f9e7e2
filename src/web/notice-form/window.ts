import { dateAfter, type DayUnit } from '../../rules/checks/days.ts';
import { resolveDay } from '../../rules/checks/moments.ts';
import type { TenantRuleFile } from '../../rules/index.ts';
import type { CheckContext, LegalSource } from '../../rules/types.ts';

/** One bound the law (or local policy) puts on this notice's dates, counted from its publication. */
export interface WindowBound {
  kind: 'earliest' | 'latest';
  /** The date field it concerns, e.g. `applicationDeadline`. */
  field: string;
  /** `YYYY-MM-DD` in the tenant's zone. */
  date: string;
  severity: 'error' | 'warning';
  source: LegalSource;
}

/**
 * The lawful window before submitting: for each period rule that applies (minimum duration from the
 * publication to a deadline, minimum lead time before what is announced), the earliest deadline or
 * the latest publication day, computed with the rule engine's own day arithmetic.
 */
export function lawfulWindow(rules: TenantRuleFile, ctx: CheckContext): WindowBound[] {
  const bounds: WindowBound[] = [];
  for (const check of rules.compiled.checks) {
    const { definition } = check;
    const params = definition.params as { from?: unknown; to?: unknown; days?: unknown; unit?: DayUnit };
    if (params.from !== 'publication' || typeof params.to !== 'string' || typeof params.days !== 'number' || !check.applies(ctx)) continue;
    const unit = params.unit ?? 'calendar';
    const field = params.to.replace(/^\/fields\//, '');
    const common = { field, severity: definition.severity, source: definition.source };
    if (definition.kind === 'minDuration') {
      const from = resolveDay('publication', ctx);
      if (from !== undefined) bounds.push({ kind: 'earliest', date: dateAfter(from, params.days, unit), ...common });
    } else if (definition.kind === 'minLeadTime') {
      const to = resolveDay(params.to, ctx);
      if (to !== undefined) bounds.push({ kind: 'latest', date: dateAfter(to, -params.days, unit), ...common });
    }
  }
  return bounds;
}
