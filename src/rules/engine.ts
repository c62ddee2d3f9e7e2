import type { TenantRuleFile } from './compiled.ts';
import { findingFor, inLanguage } from './findings.ts';
import type { CheckContext, Finding, MessageLanguage } from './types.ts';

export interface Evaluation {
  errors: Finding[];
  warnings: Finding[];
}

/** The rule id of an override that names a rule which cannot be overridden (or does not exist). */
export const OVERRIDE_NOT_ALLOWED = 'common.override.not_allowed';

function overrideNotAllowed(rules: TenantRuleFile, rule: string, index: number, lang: MessageLanguage): Finding {
  const messages = rules.compiled.sources.has(rule)
    ? {
        nb: `Regelen ${rule} kan ikke overstyres: den er et absolutt krav.`,
        en: `Rule ${rule} cannot be overridden: it is an absolute requirement.`,
      }
    : {
        nb: `Regelen ${rule} finnes ikke for denne typen kunngjøring, og kan derfor ikke overstyres.`,
        en: `There is no rule ${rule} for this type of notice, so it cannot be overridden.`,
      };
  const source = rules.compiled.sources.get(rule);
  return { rule: OVERRIDE_NOT_ALLOWED, severity: 'error', path: `/overrides/${index}`, message: inLanguage(messages, lang), messages, ...(source ? { source } : {}) };
}

/**
 * Runs every check whose `when` holds. An error whose rule may be overridden, and which the notice
 * overrides with a reason, is returned as a warning carrying that reason; overriding any other rule
 * is itself an error.
 */
export function evaluate(rules: TenantRuleFile, ctx: CheckContext, lang: MessageLanguage): Evaluation {
  const reasons = new Map<string, string>();
  const errors: Finding[] = [];
  (ctx.notice.overrides ?? []).forEach((override, i) => {
    if (rules.compiled.overridable.has(override.rule)) reasons.set(override.rule, override.reason);
    else errors.push(overrideNotAllowed(rules, override.rule, i, lang));
  });
  const warnings: Finding[] = [];
  for (const check of rules.compiled.checks) {
    if (!check.applies(ctx)) continue;
    const { definition } = check;
    for (const failure of check.kind.run(definition.params, ctx)) {
      const finding = findingFor(definition, failure, lang);
      const reason = definition.severity === 'error' && definition.overridable === true ? reasons.get(definition.id) : undefined;
      if (reason !== undefined) warnings.push({ ...finding, severity: 'warning', overrideReason: reason });
      else (definition.severity === 'error' ? errors : warnings).push(finding);
    }
  }
  return { errors, warnings };
}
