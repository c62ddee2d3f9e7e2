import { performance } from 'node:perf_hooks';
import { appendRecords, sealTenant, verifyChain } from '../../src/archive/index.ts';
import { createPool } from '../../src/store/pool.ts';
import { createTestDatabase } from '../helpers/databases.ts';
import { createTenant, dropDatabase, websiteRecord } from './support.ts';

/**
 * Rough figures, not a test:
 * `node --import tsx test/archive/seal-throughput.ts [records=100000] [batchSize=1000] [contentBytes=1000]`.
 * Appends records (about contentBytes of HTML each) in 1,000-row statements, seals them with one
 * sealer, verifies them, and prints records/s for each step and the peak RSS.
 */
const total = Number(process.argv[2] ?? 100_000);
const batchSize = Number(process.argv[3] ?? 1000);
const contentBytes = Number(process.argv[4] ?? 1000);

const db = await createTestDatabase();
const pool = createPool(db.url, 4);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} records/s`;
try {
  const tenantId = await createTenant(pool, 'throughput');
  const padding = 'x'.repeat(Math.max(0, contentBytes - 100));
  let start = performance.now();
  for (let i = 0; i < total; i += 1000) {
    const n = Math.min(1000, total - i);
    await appendRecords(
      pool,
      Array.from({ length: n }, (_, k) => {
        const record = websiteRecord(tenantId, i + k);
        return { ...record, content: Buffer.concat([record.content, Buffer.from(padding)]) };
      }),
    );
  }
  process.stdout.write(`append  ${total} records in 1,000-row statements: ${rate(total, performance.now() - start)}\n`);

  start = performance.now();
  let sealed = 0;
  for (;;) {
    const n = await sealTenant(pool, tenantId, { batchSize });
    if (n === 0) break;
    sealed += n;
  }
  process.stdout.write(`seal    ${sealed} records, batches of ${batchSize}: ${rate(sealed, performance.now() - start)}\n`);

  start = performance.now();
  const result = await verifyChain(pool, tenantId);
  process.stdout.write(`verify  ${result.checked} records (ok: ${result.ok}): ${rate(result.checked, performance.now() - start)}\n`);
  process.stdout.write(`peak RSS ${Math.round(peakRss / 2 ** 20)} MiB\n`);
} finally {
  clearInterval(sampler);
  await dropDatabase(db, pool);
}
