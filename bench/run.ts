import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { FIGURE_PREFIX, type Figure } from './lib/report.ts';

/**
 * `npm run bench [scenario…]`: runs each bench/<scenario>.bench.ts in a process of its own and prints
 * every figure beside its baseline from the same run, as a ratio (machines here are noisy: ratios travel).
 */
const wanted = process.argv.slice(2);
const scenarios = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace('.bench.ts', ''))
  .filter((s) => wanted.length === 0 || wanted.includes(s));

function runScenario(name: string): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    // Workers run in the scenario's process, so it runs as `npm run worker` does (thread pool, young
    // generation); its baseline runs in the same process, under the same settings.
    const env = { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16' };
    const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', `bench/${name}.bench.ts`], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`bench/${name} exited with ${code}`));
      else resolve(out.split('\n').filter((l) => l.startsWith(FIGURE_PREFIX)).map((l) => JSON.parse(l.slice(FIGURE_PREFIX.length)) as Figure));
    });
  });
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}\n\n`);
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
let failed = false;
for (const name of scenarios) {
  for (const f of await runScenario(name)) {
    const ratio = f.baseline === null ? null : f.herald / f.baseline;
    const judged = ratio ?? f.herald;
    const met = f.lowerIsBetter === true ? judged <= f.goal : judged >= f.goal;
    const cmp = f.lowerIsBetter === true ? '≤' : '≥';
    failed ||= !met;
    const against = f.baseline === null ? `goal ${cmp} ${fmt(f.goal)} ${f.unit}` : `baseline ${fmt(f.baseline)} ${f.unit}  ratio ${ratio === null ? '' : ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)} (goal ${cmp} ${f.goal})`;
    process.stdout.write(`${f.scenario.padEnd(8)} ${f.metric}\n         herald ${fmt(f.herald)} ${f.unit}  ${against}  ${met ? 'met' : 'NOT MET'}\n`);
  }
}
if (failed) process.stdout.write('\nsome goals were not met on this run\n');
