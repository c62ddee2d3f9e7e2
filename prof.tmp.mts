import pg from 'pg';
import { migrate } from './src/store/migrate.ts';
import { createPool } from './src/store/pool.ts';
import { syncTenants } from './src/store/tenants.ts';
import { loadTenants } from './src/config/tenants.ts';
import { GENESIS, insertSealed, pageOf, postOf } from './bench/lib/archive-data.ts';
import { randomUUID } from 'node:crypto';
const url = 'postgres://postgres@127.0.0.1:5432/herald_bench_archive_prof';
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS herald_bench_archive_prof WITH (FORCE)');
await admin.query('CREATE DATABASE herald_bench_archive_prof');
await admin.end();
await migrate(url);
const pool = createPool(url, 4);
const ids = await syncTenants(pool, loadTenants('config'));
const t = ids.get('asnes')!;
let head = GENESIS;
const at = new Date('2026-06-01T10:00:00.000Z');
for (let from = 0; from < 100000; from += 1000) {
  const batch = Array.from({ length: 1000 }, (_, j) => ({ noticeId: null, noticeVersion: null, publicationId: randomUUID(), channel: 'website' as const, event: 'published' as const, content: (from + j) % 3 ? pageOf(from + j, 'T') : postOf(from + j, 'T'), contentType: 'text/html', receipt: { url: 'https://x/' + (from + j), status: 200 }, recordedAt: at }));
  head = await insertSealed(pool, t, batch, head);
}
await pool.query('VACUUM ANALYZE archive_records');
console.log('tenant', t);
await pool.end();
