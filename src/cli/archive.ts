import { readdir, rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EmptyPeriod, exportExtraction, exportPeriod } from '../archive/noark5/index.ts';
import { sealDay, sealKeyFrom } from '../archive/seals/index.ts';
import { verifyArchive } from '../archive/verify-archive.ts';
import { loadEnv } from '../config/env.ts';
import { loadTenants } from '../config/tenants.ts';
import { loadRuleFiles } from '../rules/index.ts';
import { createPool } from '../store/pool.ts';
import { syncTenants } from '../store/tenants.ts';

const USAGE = `usage:
  npm run archive -- verify --tenant <slug>                     recompute content hashes, chain and daily seals
  npm run archive -- seal   --tenant <slug>                     sign the chain head for the day that ended (normally at midnight)
  npm run archive -- export --tenant <slug> --year <yyyy> --out <dir>              Noark 5 extraction of a closed year
  npm run archive -- export --tenant <slug> --from <date> --to <date> --out <dir>  … or of a closed period within one year`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' }, year: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
});
const [command] = positionals;
if (command !== 'verify' && command !== 'seal' && command !== 'export') fail(`unknown command "${command ?? ''}"`);
const env = loadEnv();
const tenants = loadTenants(env.HERALD_CONFIG_DIR);
const slug = values.tenant ?? fail('--tenant is required');
const tenant = tenants.find((t) => t.slug === slug) ?? fail(`unknown tenant "${slug}" (configured: ${tenants.map((t) => t.slug).join(', ')})`);
const sealKey = sealKeyFrom(env.HERALD_SEAL_KEY);

/** The export's period and folder, checked before anything is read. */
function exportArguments() {
  const result = exportPeriod({ ...(values.year !== undefined && { year: values.year }), ...(values.from !== undefined && { from: values.from }), ...(values.to !== undefined && { to: values.to }) }, tenant.timeZone, new Date());
  if (!result.ok) fail(`${result.path.replace('/querystring/', '--').replace('/querystring', 'period')}: ${result.message}`);
  const out = resolve(values.out ?? fail('--out <dir> is required'));
  return { period: result.period, out };
}
const exportArgs = command === 'export' ? exportArguments() : undefined;

/**
 * Builds the extraction beside `out`, validates it, and only then moves it to `out`; one that does
 * not validate is kept as `<out>.invalid` for a look, and the command fails.
 */
async function exportTo(tenantId: string, args: NonNullable<typeof exportArgs>): Promise<void> {
  if ((await readdir(args.out).catch(() => [])).length > 0) fail(`${args.out} exists and is not empty`);
  const partial = `${args.out}.partial`;
  await rm(partial, { recursive: true, force: true });
  const rules = loadRuleFiles(env.HERALD_RULES_DIR);
  const started = Date.now();
  const summary = await exportExtraction({
    pool,
    tenantId,
    tenant,
    period: args.period,
    dir: partial,
    format: env.HERALD_NOARK_FORMAT,
    exportedBy: 'Herald (npm run archive -- export)',
    screenedOf: (type) => rules.find((r) => r.type === type)?.screened ?? [],
    now: new Date(),
  }).catch(async (error: unknown) => {
    // Nothing half-made is left behind (an empty period, a database gone mid-way).
    await rm(partial, { recursive: true, force: true });
    throw error;
  });
  if (summary.problems.length > 0) {
    await rm(`${args.out}.invalid`, { recursive: true, force: true });
    await rename(partial, `${args.out}.invalid`);
    for (const p of summary.problems) process.stderr.write(`${p.file}: ${p.message}\n`);
    process.stderr.write(`the extraction did not validate: NOT handed out (kept for a look in ${args.out}.invalid)\n`);
    process.exitCode = 1;
    return;
  }
  await rm(args.out, { recursive: true, force: true });
  await rename(partial, args.out);
  process.stdout.write(`${JSON.stringify({ ...summary, problems: undefined, out: args.out, seconds: (Date.now() - started) / 1000 })}\n`);
  process.stderr.write(`${slug} ${args.period.label}: ${summary.journalposts} journalposts, ${summary.dokumentfiler} documents; every XML file validates: ${args.out}\n`);
}

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
  } else if (exportArgs) {
    await exportTo(tenantId, exportArgs).catch((error: unknown) => {
      if (error instanceof EmptyPeriod) fail(`nothing to export: ${error.message}`);
      throw error;
    });
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
