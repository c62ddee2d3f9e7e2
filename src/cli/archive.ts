import { parseArgs } from 'node:util';
import { sealDay } from '../archive/seals/daily-seal.ts';
import { sealKeyFrom } from '../archive/seals/seal-key.ts';
import { verifyArchive } from '../archive/verify-archive.ts';
import { loadEnv } from '../config/env.ts';
import { loadTenants } from '../config/tenants.ts';
import { createPool } from '../store/pool.ts';
import { syncTenants } from '../store/tenants.ts';

const USAGE = `usage:
  npm run archive -- verify --tenant <slug>                     recompute content hashes, chain and daily seals
  npm run archive -- seal   --tenant <slug>                     sign the chain head for the day that ended (normally at midnight)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' } },
});
const [command] = positionals;
if (command !== 'verify' && command !== 'seal') fail(`unknown command "${command ?? ''}"`);
const env = loadEnv();
const tenants = loadTenants(env.HERALD_CONFIG_DIR);
const slug = values.tenant ?? fail('--tenant is required');
const tenant = tenants.find((t) => t.slug === slug) ?? fail(`unknown tenant "${slug}" (configured: ${tenants.map((t) => t.slug).join(', ')})`);
const sealKey = sealKeyFrom(env.HERALD_SEAL_KEY);

const pool = createPool(env.DATABASE_URL, 2);
try {
  const ids = await syncTenants(pool, tenants);
  const tenantId = ids.get(slug) ?? fail(`tenant ${slug} has no row`);
  if (command === 'verify') {
    // Streams the chain in batches: a million records in bounded memory. Exit 1 names the first bad record.
    const verdict = await verifyArchive(pool, tenantId, { sealPublicKey: sealKey.publicRaw });
    process.stdout.write(`${JSON.stringify(verdict)}\n`);
    process.stderr.write(
      verdict.ok
        ? `${slug}: ${verdict.checked} records and ${verdict.seals} daily seals verified (${verdict.unsealed} not sealed yet)\n`
        : `${slug}: BROKEN at record ${verdict.firstBadSeq ?? '?'}: ${verdict.reason ?? ''}\n`,
    );
    if (!verdict.ok) process.exitCode = 1;
  } else {
    const sealed = await sealDay(pool, sealKey, { id: tenantId, slug, timeZone: tenant.timeZone }, new Date());
    process.stdout.write(`${JSON.stringify(sealed)}\n`);
  }
} catch (error) {
  process.stderr.write(`archive ${command} failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
