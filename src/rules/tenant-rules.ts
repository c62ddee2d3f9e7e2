import type { Tenant } from '../config/tenant-types.ts';
import { ConfigInvalid } from '../errors.ts';
import { CHECKS } from './checks/index.ts';
import type { CompiledCheck, TenantRuleFile } from './compiled.ts';
import { compileFields } from './fields.ts';
import type { CheckDefinition, CheckKind, LegalSource, LoadedRuleFile } from './types.ts';
import { compileCondition } from './when.ts';

/** Which way each number may move: a tenant may only make a rule stricter. */
const STRICTER: { readonly [K in CheckKind]?: Readonly<Record<string, 'higher' | 'lower'>> } = {
  minDuration: { days: 'higher' },
  minLeadTime: { days: 'higher', hours: 'higher', minutes: 'higher' },
  channelLength: { max: 'lower' },
};

function tighten(check: CheckDefinition, params: Readonly<Record<string, number>>): CheckDefinition {
  const direction = STRICTER[check.kind] ?? {};
  const own = Object.entries(params).filter(([name]) => direction[name] !== undefined && typeof check.params[name] === 'number');
  return own.length === 0 ? check : { ...check, params: { ...check.params, ...Object.fromEntries(own) } };
}

/** Problems with one rule override, as `tenant "asnes", rule "vacancy.deadline", param "days": …`. */
function overrideProblems(slug: string, id: string, override: Tenant['rules'][string], checks: readonly CheckDefinition[]): string[] {
  const at = `tenant "${slug}", rule "${id}"`;
  if (checks.length === 0) return [`${at}: no rule file has this rule`];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(override.params ?? {})) {
    const targets = checks.filter((check) => STRICTER[check.kind]?.[name] !== undefined && typeof check.params[name] === 'number');
    if (targets.length === 0) {
      problems.push(`${at}, param "${name}": not a number this rule lets a municipality set`);
      continue;
    }
    if (!Number.isInteger(value) || value < 1) {
      problems.push(`${at}, param "${name}": ${value} must be a whole number of at least 1`);
      continue;
    }
    for (const check of targets) {
      const current = check.params[name] as number;
      const higher = STRICTER[check.kind]?.[name] === 'higher';
      if (higher ? value < current : value > current) {
        problems.push(`${at}, param "${name}": ${value} is looser than the rule file's ${current} (it may only be ${higher ? 'raised' : 'lowered'})`);
      }
    }
  }
  return problems;
}

/**
 * The rule files with a tenant's overrides applied: numbers only stricter (longer periods, shorter
 * length limits), severity only raised to error. Any other override is a configuration error; all
 * of them are thrown together.
 */
export function applyTenantOverrides(files: readonly LoadedRuleFile[], tenant: Tenant): LoadedRuleFile[] {
  const problems: string[] = [];
  for (const [id, override] of Object.entries(tenant.rules)) {
    const checks = files.flatMap((file) => file.checks.filter((check) => check.id === id));
    problems.push(...overrideProblems(tenant.slug, id, override, checks));
  }
  if (problems.length > 0) throw new ConfigInvalid(problems.join('\n'));
  return files.map((file) => ({
    ...file,
    checks: file.checks.map((check) => {
      const override = tenant.rules[check.id];
      if (!override) return check;
      const tightened = tighten(check, override.params ?? {});
      return override.severity === 'error' ? { ...tightened, severity: 'error' } : tightened;
    }),
  }));
}

function compileCheck(definition: CheckDefinition): CompiledCheck {
  const kind = CHECKS[definition.kind];
  kind.prepare?.(definition.params);
  return { definition, kind, applies: compileCondition(definition.when) };
}

/** Everything a tenant needs to check notices, by type, compiled once (regular expressions included). */
export function compileTenantRules(files: readonly LoadedRuleFile[], tenant: Tenant): ReadonlyMap<string, TenantRuleFile> {
  const compiled = new Map<string, TenantRuleFile>();
  for (const file of applyTenantOverrides(files, tenant)) {
    const sources = new Map<string, LegalSource>([[file.schemaRule.id, file.schemaRule.source]]);
    for (const check of file.checks) sources.set(check.id, check.source);
    compiled.set(file.type, {
      ...file,
      tenant: tenant.slug,
      compiled: {
        checks: file.checks.map(compileCheck),
        fields: compileFields(file.fields),
        overridable: new Set(file.checks.filter((check) => check.overridable === true).map((check) => check.id)),
        sources,
      },
    });
  }
  return compiled;
}
