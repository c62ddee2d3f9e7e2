import { createPool } from './src/store/pool.ts';
import { verifyChain } from './src/archive/verify.ts';
const pool = createPool('postgres://postgres@127.0.0.1:5432/herald_bench_archive_prof', 4);
const t0 = performance.now();
const r = await verifyChain(pool, '67b031c5-ce56-4528-b6d0-bd1e7b7630a4');
console.log(r, ((performance.now() - t0) / 1000).toFixed(2), 's', process.resourceUsage().maxRSS / 1024, 'MB');
await pool.end();
