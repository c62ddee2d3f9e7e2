import { loadTenants } from '../../src/config/tenants.ts';
import { loadRuleFiles } from '../../src/rules/index.ts';
import { createTenantDirectory, type TenantDirectory } from '../../src/tenancy/directory.ts';
import { CONFIG_DIR, RULES_DIR } from '../helpers/paths.ts';

/**
 * The shipped tenants plus copies of Åsnes under other slugs: each test that breaks a chain gets a
 * municipality (and so a chain) of its own, with keys of its own, in one app.
 */
export function directoryWith(...slugs: string[]): TenantDirectory {
  const shipped = loadTenants(CONFIG_DIR);
  const asnes = shipped.find((t) => t.slug === 'asnes');
  if (!asnes) throw new Error('no shipped asnes');
  return createTenantDirectory([...shipped, ...slugs.map((slug) => ({ ...asnes, slug, name: `${asnes.name} (${slug})` }))], loadRuleFiles(RULES_DIR));
}
