import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportExtraction, exportPeriod } from '../../src/archive/noark5/index.ts';
import { devSealKey } from '../../src/archive/seals/index.ts';
import { verifyArchive } from '../../src/archive/verify-archive.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import { createPool } from '../../src/store/pool.ts';

/**
 * One measured run in a process of its own, so its peak RSS (getrusage's maxrss) is that run's and
 * nothing else's: `verify <databaseUrl> <tenantId>` or `export <databaseUrl> <tenantId> <slug> <year>`.
 * Prints one JSON line: { seconds, peakMb, result }.
 */
const [phase, databaseUrl, tenantId, slug, year] = process.argv.slice(2);
if (databaseUrl === undefined || tenantId === undefined) throw new Error('usage: verify|export <databaseUrl> <tenantId> [slug year]');
const pool = createPool(databaseUrl, 4);
const started = performance.now();
let result: unknown;
try {
  if (phase === 'verify') {
    result = await verifyArchive(pool, tenantId, { sealPublicKey: devSealKey().publicRaw });
  } else {
    const tenant = loadTenants('config').find((t) => t.slug === slug);
    if (!tenant) throw new Error(`no tenant ${slug ?? ''}`);
    const period = exportPeriod({ year: year ?? '' }, tenant.timeZone, new Date());
    if (!period.ok) throw new Error(period.message);
    const dir = await mkdtemp(join(tmpdir(), 'herald-bench-export-'));
    try {
      result = await exportExtraction({ pool, tenantId, tenant, period: period.period, dir, exportedBy: 'bench', screenedOf: () => [], now: new Date() });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
} finally {
  await pool.end();
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ seconds, peakMb: process.resourceUsage().maxRSS / 1024, result })}\n`);
