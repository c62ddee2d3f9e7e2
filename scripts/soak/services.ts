import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The soak's own Redis and PostgreSQL, on loopback ports nobody else uses, so the chaos driver can
 * flush, kill and restart them without touching the shared services other developers' tests use.
 */

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`soak: ${what} did not come up within ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 5000 });
  return stdout.trim();
}

async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Redis as the soak sees it: one server, or a cluster of three masters. */
export interface SoakRedis {
  /** What Herald's REDIS_URL is (one node of the cluster, in cluster mode). */
  url: string;
  cluster: boolean;
  ports: readonly number[];
  flushAll(): Promise<void>;
  /** Restarts one server (a random cluster node): without persistence, it comes back empty. */
  restart(port?: number): Promise<number>;
  /** used_memory of every node, summed. */
  usedMemory(): Promise<number>;
  /** How many keys starting with `prefix` each node holds, by port. */
  keysPerNode(prefix: string): Promise<Map<number, number>>;
  stop(): Promise<void>;
}

function redisServer(port: number, dir: string, cluster: boolean): ChildProcess {
  mkdirSync(dir, { recursive: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', join(dir, 'redis.log')];
  if (cluster) args.push('--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000');
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  // However the run ends (an exception included), no server of ours is left behind on the port.
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  return child;
}

export async function startRedis(root: string, opts: { cluster: boolean; port: number; clusterPorts: readonly number[] }): Promise<SoakRedis> {
  const ports = opts.cluster ? opts.clusterPorts : [opts.port];
  const children = new Map<number, ChildProcess>();
  const dirOf = (port: number) => join(root, `redis-${port}`);
  rmSync(join(root), { recursive: true, force: true });
  for (const port of ports) {
    // A server left on the port (another run's) would answer our pings with its own data.
    if ((await redisCli(port, 'ping').catch(() => '')) === 'PONG') throw new Error(`soak: something already answers on Redis port ${port}: stop it, or choose another port`);
  }
  for (const port of ports) {
    children.set(port, redisServer(port, dirOf(port), opts.cluster));
  }
  for (const port of ports) await until(`redis-server on ${port}`, async () => (await redisCli(port, 'ping')) === 'PONG');
  const clusterOk = async (port: number) => (await redisCli(port, 'cluster', 'info')).includes('cluster_state:ok');
  if (opts.cluster) {
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    for (const port of ports) await until(`cluster state ok on ${port}`, () => clusterOk(port));
  }
  const restart = async (port = ports[Math.floor(Math.random() * ports.length)] ?? opts.port): Promise<number> => {
    await stopChild(children.get(port), 'SIGKILL');
    children.set(port, redisServer(port, dirOf(port), opts.cluster));
    await until(`redis-server on ${port} after a restart`, async () => (await redisCli(port, 'ping')) === 'PONG');
    if (opts.cluster) await until(`cluster state ok on ${port} after a restart`, () => clusterOk(port), 30_000);
    return port;
  };
  return {
    url: `redis://127.0.0.1:${ports[0] ?? opts.port}`,
    cluster: opts.cluster,
    ports,
    async flushAll() {
      await Promise.all(ports.map((p) => redisCli(p, 'flushall')));
    },
    restart,
    async usedMemory() {
      let sum = 0;
      for (const port of ports) {
        const info = await redisCli(port, 'info', 'memory').catch(() => '');
        sum += Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
      }
      return sum;
    },
    async keysPerNode(prefix) {
      const counts = new Map<number, number>();
      for (const port of ports) {
        const keys = await redisCli(port, '--scan', '--pattern', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`);
        counts.set(port, keys === '' ? 0 : keys.split('\n').length);
      }
      return counts;
    },
    async stop() {
      await Promise.all([...children.values()].map((c) => stopChild(c, 'SIGKILL')));
    },
  };
}

export interface SoakPostgres {
  url: string;
  /** Stops (fast: sessions are cut) and starts again; the data stays. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

function postgresBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`));
  const latest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!latest) throw new Error('soak: no PostgreSQL server in /usr/lib/postgresql/*/bin (apt-get install postgresql)');
  return `/usr/lib/postgresql/${latest}/bin`;
}

/** A PostgreSQL cluster of the soak's own (initdb in `root`), run as the postgres user: root can't run postgres. */
export async function startPostgres(root: string, port: number): Promise<SoakPostgres> {
  const bin = postgresBin();
  const data = join(root, 'data');
  const log = join(root, 'postgres.log');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  chownSync(root, Number(uid), Number(gid));
  const asPostgres = (cmd: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { timeout: 60_000 });
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C.UTF-8']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c shared_buffers=128MB`;
  const start = () => asPostgres('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', 'start']);
  const stop = () => asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  // However the run ends, the cluster is not left running (pg_ctl starts it in the background).
  process.once('exit', () => {
    try {
      execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
    } catch {
      // already stopped
    }
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/herald_soak`,
    async restart(downMs) {
      await stop();
      await sleep(downMs);
      await start();
    },
    async stop() {
      await stop().catch(() => undefined);
    },
  };
}
