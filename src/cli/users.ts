import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.ts';
import { loadEnv } from '../config/env.ts';
import { loadTenants } from '../config/tenants.ts';
import { ROLES, type Role } from '../notices/types.ts';
import { createPool } from '../store/pool.ts';
import { syncTenants } from '../store/tenants.ts';
import { deleteUserSessions } from '../store/web-sessions.ts';
import { insertWebUser, setPasswordByEmail } from '../store/web-users.ts';

const USAGE = `usage:
  npm run users -- create --tenant <slug> --role <${ROLES.join('|')}> --name "<person>" --email <login e-mail> [--password-stdin]
  npm run users -- set-password --tenant <slug> --email <login e-mail> [--password-stdin]
Without --password-stdin a random password is made and printed (only it) on stdout; with it, the
password is read from stdin (never from the command line, where ps and shell history keep it).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    tenant: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
});
const [command] = positionals;
if (command !== 'create' && command !== 'set-password') fail(`unknown command "${command ?? ''}"`);
const env = loadEnv();
const tenants = loadTenants(env.HERALD_CONFIG_DIR);
const slug = values.tenant ?? fail('--tenant is required');
if (!tenants.some((t) => t.slug === slug)) fail(`unknown tenant "${slug}" (configured: ${tenants.map((t) => t.slug).join(', ')})`);
const email = values.email ?? fail('--email is required');
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail('--email must be an e-mail address');
if (command === 'create') {
  if (!(ROLES as readonly string[]).includes(values.role ?? '')) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.name?.trim()) fail('--name is required');
}

async function readPassword(): Promise<string> {
  if (!values['password-stdin']) return randomBytes(12).toString('base64url');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD_LENGTH) fail(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  return password;
}
const password = await readPassword();
const passwordHash = await hashPassword(password);

const pool = createPool(env.DATABASE_URL, 1);
try {
  await syncTenants(pool, tenants);
  if (command === 'create') {
    await insertWebUser(pool, { tenantSlug: slug, role: values.role as Role, name: (values.name ?? '').trim(), loginEmail: email, passwordHash });
  } else {
    const userId = await setPasswordByEmail(pool, slug, email, passwordHash);
    if (!userId) fail(`no user with login e-mail ${email} in ${slug}`);
    await deleteUserSessions(pool, userId);
  }
  if (!values['password-stdin']) process.stdout.write(`${password}\n`);
} catch (error) {
  const message = (error as { code?: string }).code === '23505' ? `a user with login e-mail ${email} exists already` : (error as Error).message;
  process.stderr.write(`users ${command} failed: ${message}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
