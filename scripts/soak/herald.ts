import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** One Herald process the soak started: an API (`src/server.ts`) or a worker set (`workers/index.ts`). */
export interface HeraldProcess {
  name: string;
  kind: 'api' | 'worker';
  /** The API's base URL; empty for workers. */
  url: string;
  child: ChildProcess;
  /** Resident set size in bytes (from /proc), 0 when it is not running. */
  rss(): Promise<number>;
}

export interface HeraldOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
}

/** Starts and kills Herald's processes exactly as an operator's supervisor would. */
export class Herald {
  readonly processes = new Map<string, HeraldProcess>();
  private readonly logs = new Map<string, WriteStream>();

  constructor(private readonly opts: HeraldOptions) {}

  private log(name: string): WriteStream {
    let stream = this.logs.get(name);
    if (!stream) {
      stream = createWriteStream(join(this.opts.logDir, `${name}.log`), { flags: 'a' });
      this.logs.set(name, stream);
    }
    return stream;
  }

  start(name: string, kind: 'api' | 'worker', port = 0): HeraldProcess {
    const script = kind === 'api' ? 'src/server.ts' : 'workers/index.ts';
    const child = spawn(process.execPath, [...(kind === 'worker' ? ['--max-semi-space-size=32'] : []), '--import', 'tsx', script], {
      cwd: this.opts.root,
      env: { ...this.opts.env, ...(kind === 'api' ? { PORT: String(port) } : { UV_THREADPOOL_SIZE: '16' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = this.log(name);
    log.write(`--- ${new Date().toISOString()} started pid ${child.pid ?? '?'}\n`);
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const proc: HeraldProcess = {
      name,
      kind,
      url: kind === 'api' ? `http://127.0.0.1:${port}` : '',
      child,
      rss: () => rssOf(child),
    };
    this.processes.set(name, proc);
    return proc;
  }

  /** SIGKILL (no goodbye: jobs in hand and leases are left for others to take over), then start it again after `downMs`. */
  async kill(name: string, downMs: number): Promise<void> {
    const proc = this.processes.get(name);
    if (!proc) return;
    await stop(proc.child, 'SIGKILL');
    this.log(name).write(`--- ${new Date().toISOString()} SIGKILLed by the chaos driver\n`);
    await sleep(downMs);
    this.start(name, proc.kind, proc.url ? Number(new URL(proc.url).port) : 0);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => stop(p.child, 'SIGTERM')));
    for (const stream of this.logs.values()) stream.end();
  }
}

async function rssOf(child: ChildProcess): Promise<number> {
  if (child.pid === undefined || child.exitCode !== null) return 0;
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until every API answers `/health/live`; fails at once if one exited. */
export async function waitForApis(apis: readonly HeraldProcess[], timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const { url, child, name } of apis) {
    for (;;) {
      const ok = await fetch(`${url}/health/live`).then((r) => r.ok, () => false);
      if (ok) break;
      if (child.exitCode !== null) throw new Error(`soak: ${name} exited with ${child.exitCode} before it answered (see its log)`);
      if (Date.now() > deadline) throw new Error(`soak: the API at ${url} did not answer within ${timeoutMs} ms (see its log)`);
      await sleep(200);
    }
  }
}
