import { createPool } from './src/store/pool.ts';
import { CHAINED_COLUMNS } from './src/archive/rows.ts';
const pool = createPool('postgres://postgres@127.0.0.1:5432/herald_bench_archive_prof', 4);
const t = '67b031c5-ce56-4528-b6d0-bd1e7b7630a4';
for (const size of [1000, 5000]) {
  const t0 = performance.now();
  let after = 0; let n = 0;
  for (;;) {
    const { rows } = await pool.query({ text: `SELECT ${CHAINED_COLUMNS}, seq, prev_hash, hash, pg_catalog.sha256(content) AS content_digest FROM archive_records WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, values: [t, after, size] });
    n += rows.length;
    if (rows.length < size) break;
    after = rows.at(-1).seq;
  }
  console.log('fetch only', size, n, ((performance.now() - t0)/1000).toFixed(2));
  const t1 = performance.now();
  after = 0;
  for (;;) {
    const { rows } = await pool.query({ text: `SELECT seq, pg_catalog.sha256(content) AS content_digest FROM archive_records WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, values: [t, after, size] });
    if (rows.length < size) break;
    after = rows.at(-1).seq;
  }
  console.log('fetch seq+digest only', size, ((performance.now() - t1)/1000).toFixed(2));
}
await pool.end();
