import type { Tenant } from '../config/tenant-types.ts';
import { loadTenants } from '../config/tenants.ts';
import { compileTenantRules, loadRuleFiles, type TenantRuleFile } from '../rules/index.ts';
import type { LoadedRuleFile } from '../rules/types.ts';

/** A municipality's configuration and its rule files with its own (stricter) numbers applied. */
export interface TenantEntry {
  tenant: Tenant;
  /** By notice type. */
  rules: ReadonlyMap<string, TenantRuleFile>;
}

export interface TenantDirectory {
  get(slug: string): TenantEntry | undefined;
  tenants(): readonly Tenant[];
}

export function createTenantDirectory(tenants: readonly Tenant[], ruleFiles: readonly LoadedRuleFile[]): TenantDirectory {
  const entries = new Map(tenants.map((tenant) => [tenant.slug, { tenant, rules: compileTenantRules(ruleFiles, tenant) }]));
  return { get: (slug) => entries.get(slug), tenants: () => tenants };
}

/** Reads and checks every tenant file and rule file; throws one error listing every problem. */
export function loadTenantDirectory(configDir: string, rulesDir: string): TenantDirectory {
  return createTenantDirectory(loadTenants(configDir), loadRuleFiles(rulesDir));
}
