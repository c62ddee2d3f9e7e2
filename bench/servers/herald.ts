import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../src/app.ts';
import { createPool } from '../../src/store/pool.ts';
import { loadTenantDirectory } from '../../src/tenancy/directory.ts';

/** Herald's API as `npm start` runs it (no logging), on the port the runner gives. */
const [databaseUrl = '', port = '0'] = process.argv.slice(2);
const app = await build({
  directory: loadTenantDirectory('config', 'rules'),
  pool: createPool(databaseUrl),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  dataDir: mkdtempSync(join(tmpdir(), 'herald-bench-')),
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.send?.('ready');
// Exit cleanly on the runner's SIGTERM, so a --cpu-prof profile gets written.
process.on('SIGTERM', () => process.exit(0));
