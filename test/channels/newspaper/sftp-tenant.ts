import type { SftpDelivery, Tenant } from '../../../src/config/tenant-types.ts';
import { loadRuleFiles } from '../../../src/rules/index.ts';
import { createTenantDirectory, type TenantDirectory } from '../../../src/tenancy/directory.ts';
import { shippedDirectory } from '../../helpers/app.ts';
import { RULES_DIR } from '../../helpers/paths.ts';
import type { SftpTestServer } from '../../fakes/sftp/openssh-server.ts';

/** The SFTP delivery settings that reach `server` (through `port` when a proxy sits in front). */
export function sftpDelivery(server: SftpTestServer, overrides: Partial<SftpDelivery> = {}): SftpDelivery {
  return { kind: 'sftp', host: '127.0.0.1', port: server.port, username: server.username, path: server.path, privateKeyPath: server.privateKeyPath, hostKeySha256: server.hostKeySha256, ...overrides };
}

/** The shipped tenants, with Åsnes' paper delivering by SFTP as given. */
export function directoryWithSftp(delivery: SftpDelivery): TenantDirectory {
  const tenants: Tenant[] = shippedDirectory()
    .tenants()
    .map((t) => (t.slug === 'asnes' ? { ...t, channels: { ...t.channels, newspapers: t.channels.newspapers.map((p) => ({ ...p, delivery })) } } : t));
  return createTenantDirectory(tenants, loadRuleFiles(RULES_DIR));
}
