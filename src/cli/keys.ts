import { parseArgs } from 'node:util';
import { generateApiKey } from '../auth/api-key.ts';
import { loadEnv } from '../config/env.ts';
import { loadTenants } from '../config/tenants.ts';
import { ROLES, type Role } from '../notices/types.ts';
import { requireSecretKey } from '../secrets/secret-key.ts';
import { insertUserWithKey, listApiKeys, revokeApiKey } from '../store/api-keys.ts';
import { setPageToken } from '../store/facebook-pages.ts';
import { createPool } from '../store/pool.ts';
import { syncTenants } from '../store/tenants.ts';

const USAGE = `usage:
  npm run keys -- create --tenant <slug> --role <${ROLES.join('|')}> --name "<person>" [--email <address>]   prints the new key (only) on stdout;
                                                     alerts about the person's notices are e-mailed to --email
  npm run keys -- list   --tenant <slug>
  npm run keys -- revoke --tenant <slug> --key <key id or prefix>
  npm run keys -- facebook-token --tenant <slug> < token.txt                    sets the Page token (read from stdin, stored encrypted)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, key: { type: 'string' }, email: { type: 'string' } },
});
const [command] = positionals;
const env = loadEnv();
const tenants = loadTenants(env.HERALD_CONFIG_DIR);
const slug = values.tenant ?? fail('--tenant is required');
if (!tenants.some((t) => t.slug === slug)) fail(`unknown tenant "${slug}" (configured: ${tenants.map((t) => t.slug).join(', ')})`);

if (command === 'create') {
  if (!(ROLES as readonly string[]).includes(values.role ?? '')) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.name?.trim()) fail('--name is required');
  if (values.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) fail('--email must be an e-mail address');
}

/** The Page token from stdin (never from the command line, where `ps` and shell history would keep it). */
async function readToken(): Promise<string> {
  const pageId = tenants.find((t) => t.slug === slug)?.channels.facebook?.pageId;
  if (pageId === undefined) fail(`${slug} has no Facebook Page configured (channels.facebook in its tenant file)`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const token = Buffer.concat(chunks).toString('utf8').trim();
  if (!/^\S{10,4096}$/.test(token)) fail('expected one Page access token on stdin (10–4096 characters, no spaces)');
  return token;
}
const facebookToken = command === 'facebook-token' ? await readToken() : undefined;

const pool = createPool(env.DATABASE_URL, 1);
try {
  await syncTenants(pool, tenants);
  switch (command) {
    case 'create': {
      const created = generateApiKey();
      const role = values.role as Role;
      const name = (values.name ?? '').trim();
      await insertUserWithKey(pool, { tenantSlug: slug, role, name, prefix: created.prefix, hash: created.hash, ...(values.email === undefined ? {} : { email: values.email }) });
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
    case 'facebook-token': {
      const pageId = tenants.find((t) => t.slug === slug)?.channels.facebook?.pageId ?? '';
      const version = await setPageToken(pool, requireSecretKey(env.HERALD_SECRET_KEY), { tenantSlug: slug, pageId, token: facebookToken ?? '' });
      process.stderr.write(`Facebook Page token set for ${slug} (Page ${pageId}, version ${version}); publications waiting for it go out within a minute\n`);
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
