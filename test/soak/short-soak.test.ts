import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SoakSummary } from '../../scripts/soak/report.ts';

// The soak, short (CI runs it): Herald as processes (two APIs, two workers) with Redis, PostgreSQL,
// the fake Graph API and an SFTP server of its own, under a stream of notices while the chaos driver
// kills workers, flushes and restarts Redis, restarts PostgreSQL, makes Facebook fail and takes the
// SFTP server down. Nothing accepted may be lost or published twice, the archive must verify, and no
// answer may be a 5xx but a 503 with Retry-After while PostgreSQL was down.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DURATION_S = process.env.HERALD_SOAK_SECONDS ?? '40';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test(`a ${DURATION_S}-second soak with faults loses nothing and duplicates nothing`, { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-soak-'));
  // The soak's PostgreSQL runs as the postgres user, who must reach its folder inside this one.
  chmodSync(dir, 0o755);
  const json = join(dir, 'summary.json');
  const ports = await Promise.all(Array.from({ length: 4 }, freePort));
  const [pg, redis, api1, api2] = ports.map(String);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/soak/index.ts', '--duration', DURATION_S, '--rate', '1.5', '--settle', '180', '--dir', join(dir, 'run'), '--json', json, '--pg-port', pg ?? '', '--redis-port', redis ?? '', '--api-ports', `${api1 ?? ''},${api2 ?? ''}`],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  try {
    assert.ok(existsSync(json), `the soak ended without a summary (exit ${String(code)}):\n${output}`);
    const summary = JSON.parse(readFileSync(json, 'utf8')) as SoakSummary;
    assert.equal(code, 0, output);
    assert.ok(summary.notices > 20, `too few notices to mean anything: ${summary.notices}`);
    assert.equal(summary.lost, 0, output);
    assert.equal(summary.duplicated, 0);
    assert.equal(summary.serverErrors, 0);
    // Every kind of fault was injected at least once.
    for (const kind of ['worker-kill', 'redis-flush', 'redis-restart', 'postgres-restart', 'graph-5xx', 'sftp-down']) {
      assert.ok((summary.faults[kind] ?? 0) > 0, `no ${kind} injected: ${JSON.stringify(summary.faults)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
