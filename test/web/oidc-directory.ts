import type { SingleSignOnConfig } from '../../src/config/tenant-types.ts';
import { loadRuleFiles } from '../../src/rules/index.ts';
import { createTenantDirectory, type TenantDirectory } from '../../src/tenancy/directory.ts';
import type { FakeOidcProvider } from '../fakes/oidc-provider/index.ts';
import { shippedDirectory } from '../helpers/app.ts';
import { RULES_DIR } from '../helpers/paths.ts';

/** The environment variable the test tenant names for its client secret. */
export const SECRET_ENV = 'HERALD_TEST_OIDC_SECRET_ASNES';

/** The shipped tenants, Åsnes signing in through `provider` (its secret put in the environment). */
export function directoryWithSso(provider: FakeOidcProvider, extra: Partial<SingleSignOnConfig> = {}): TenantDirectory {
  process.env[SECRET_ENV] = provider.clientSecret;
  const sso: SingleSignOnConfig = { issuer: provider.issuer, clientId: provider.clientId, clientSecretEnv: SECRET_ENV, label: 'Åsnes ID', emailClaim: 'email', ...extra };
  const tenants = shippedDirectory()
    .tenants()
    .map((t) => (t.slug === 'asnes' ? { ...t, singleSignOn: sso } : t));
  return createTenantDirectory(tenants, loadRuleFiles(RULES_DIR));
}
