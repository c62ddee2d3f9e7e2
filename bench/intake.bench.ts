import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import pg from 'pg';
import { generateApiKey } from '../src/auth/api-key.ts';
import { assessNotice } from '../src/notices/assess.ts';
import type { NoticeInput } from '../src/notices/types.ts';
import { insertUserWithKey } from '../src/store/api-keys.ts';
import { ensureDatabase } from '../src/store/ensure-database.ts';
import { migrate } from '../src/store/migrate.ts';
import { syncTenants } from '../src/store/tenants.ts';
import { loadTenantDirectory } from '../src/tenancy/directory.ts';
import { report } from './lib/report.ts';
import { freePort, serve } from './lib/serve.ts';

/**
 * Intake: accepted notices per second through POST /v1/notices (key check, rules, planning, one
 * transaction) beside a bare Fastify route that validates the same body with ajv and does one INSERT.
 * Both run in a child process of their own and are loaded by autocannon from this one.
 */
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 16;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald_bench';

const body = readFileSync('examples/notices/vacancy.json', 'utf8');
const directory = loadTenantDirectory('config', 'rules');

await ensureDatabase(databaseUrl);
await migrate(databaseUrl);
const pool = new pg.Pool({ connectionString: databaseUrl });
await syncTenants(pool, directory.tenants());
const key = generateApiKey();
await insertUserWithKey(pool, { tenantSlug: 'asnes', role: 'hr', name: 'Bench HR', prefix: key.prefix, hash: key.hash });

async function load(script: string, headers: Record<string, string>): Promise<number> {
  const port = await freePort();
  const server = await serve(script, [databaseUrl, String(port)]);
  try {
    const options = { url: `http://127.0.0.1:${port}/v1/notices`, method: 'POST' as const, body, connections: CONNECTIONS, headers: { 'content-type': 'application/json', ...headers } };
    await autocannon({ ...options, duration: 2 }); // warm-up: JIT, pool connections, prepared statements
    const result = await autocannon({ ...options, duration: DURATION_S });
    const accepted = result['2xx'];
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${script}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return accepted / DURATION_S;
  } finally {
    await server.stop();
  }
}

const bare = await load('bench/servers/bare.ts', {});
const herald = await load('bench/servers/herald.ts', { authorization: `Bearer ${key.key}` });
report({ scenario: 'intake', metric: 'accepted notices/s via POST /v1/notices (autocannon, 16 connections)', unit: 'req/s', herald, baseline: bare, goal: 0.7 });

// Rules and planning alone, on this one core: what the API does per notice before its one statement.
const entry = directory.get('asnes');
const rules = entry?.rules.get('vacancy');
if (!entry || !rules) throw new Error('asnes vacancy rules missing');
const notice = JSON.parse(body) as NoticeInput;
const now = DateTime.now().setZone(entry.tenant.timeZone);
const ITERATIONS = 50_000;
for (let i = 0; i < 2_000; i++) assessNotice(notice, entry.tenant, rules, now, 'nb');
const started = process.hrtime.bigint();
for (let i = 0; i < ITERATIONS; i++) {
  const outcome = assessNotice(notice, entry.tenant, rules, now, 'nb');
  if (outcome.errors.length > 0) throw new Error(`example vacancy fails: ${outcome.errors[0]?.rule ?? ''}`);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
report({ scenario: 'intake', metric: 'rules + planning alone, one core (vacancy example)', unit: 'notices/s', herald: ITERATIONS / seconds, baseline: null, goal: 20_000 });

await pool.end();
