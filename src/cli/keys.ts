import { parseArgs } from 'node:util';
import { generateApiKey } from '../auth/api-key.ts';
import { loadEnv } from '../config/env.ts';
import { loadTenants } from '../config/tenants.ts';
import { ROLES, type Role } from '../notices/types.ts';
import { insertUserWithKey, listApiKeys, revokeApiKey } from '../store/api-keys.ts';
import { createPool } from '../store/pool.ts';
import { syncTenants } from '../store/tenants.ts';

const USAGE = `usage:
  npm run keys -- create --tenant <slug> --role <${ROLES.join('|')}> --name "<person>"   prints the new key (only) on stdout
  npm run keys -- list   --tenant <slug>
  npm run keys -- revoke --tenant <slug> --key <key id or prefix>`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, key: { type: 'string' } },
});
const [command] = positionals;
const env = loadEnv();
const tenants = loadTenants(env.HERALD_CONFIG_DIR);
const slug = values.tenant ?? fail('--tenant is required');
if (!tenants.some((t) => t.slug === slug)) fail(`unknown tenant "${slug}" (configured: ${tenants.map((t) => t.slug).join(', ')})`);

if (command === 'create') {
  if (!(ROLES as readonly string[]).includes(values.role ?? '')) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.name?.trim()) fail('--name is required');
}

const pool = createPool(env.DATABASE_URL, 1);
try {
  await syncTenants(pool, tenants);
  switch (command) {
    case 'create': {
      const created = generateApiKey();
      const role = values.role as Role;
      const name = (values.name ?? '').trim();
      await insertUserWithKey(pool, { tenantSlug: slug, role, name, prefix: created.prefix, hash: created.hash });
      process.stdout.write(`${created.key}\n`);
      break;
    }
    case 'list':
      for (const k of await listApiKeys(pool, slug)) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
        process.stdout.write(`${k.id}  ${k.prefix}…  ${k.role.padEnd(14)} ${k.userName}  (${state})\n`);
      }
      break;
    case 'revoke': {
      const key = values.key ?? fail('--key is required');
      const count = await revokeApiKey(pool, slug, key);
      if (count === 0) fail(`no active key "${key}" in ${slug}`);
      process.stderr.write(`revoked ${count} key(s)\n`);
      break;
    }
    default:
      fail(`unknown command "${command ?? ''}"`);
  }
} catch (error) {
  process.stderr.write(`keys ${command ?? ''} failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
