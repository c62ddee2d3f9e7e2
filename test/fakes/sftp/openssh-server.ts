import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';

/**
 * Chroot needs every folder on the way to be root's and writable by nobody else, which rules out
 * /tmp (world-writable): the test servers live under /run instead.
 */
const BASE = '/run/herald-sftp-test';

export interface SftpTestServer {
  port: number;
  /** What the paper's config names: the user, the folder inside the chroot, our key, the pinned host key. */
  username: string;
  path: string;
  privateKeyPath: string;
  hostKeySha256: string;
  /** A key the server does not accept. */
  strangerKeyPath: string;
  /** The folder that the server's `path` is, on this machine's disk. */
  uploadDir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and deletes its folders. */
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

async function keypair(file: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'herald-test', '-f', file]);
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (banner) => {
      socket.destroy();
      resolve(banner.toString().startsWith('SSH-'));
    });
    socket.once('error', () => { resolve(false); });
  });
}

/**
 * A real OpenSSH server (Debian's openssh-server) on loopback, for the newspaper SFTP tests: key
 * authentication only, SFTP only (internal-sftp), chrooted into a folder of its own. It runs as
 * root (chroot needs it), so the tests that use it need root: CI and the dev machines here are.
 */
export async function startSftpServer(): Promise<SftpTestServer> {
  if (process.getuid?.() !== 0) throw new Error('the SFTP test server needs root (OpenSSH chroot)');
  try {
    await access(SSHD, constants.X_OK);
  } catch (error) {
    throw new Error(`${SSHD} is missing: apt-get install openssh-server (scripts/services.sh does)`, { cause: error });
  }
  const dir = join(BASE, randomBytes(6).toString('hex'));
  const etc = join(dir, 'etc');
  const chroot = join(dir, 'chroot');
  const uploadDir = join(chroot, 'upload');
  await mkdir(BASE, { recursive: true, mode: 0o755 });
  await chmod(BASE, 0o755);
  await mkdir(etc, { recursive: true, mode: 0o755 });
  await mkdir(uploadDir, { recursive: true, mode: 0o755 });
  // Privilege separation folder sshd insists on.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  await keypair(join(etc, 'host_ed25519'));
  await keypair(join(etc, 'herald'));
  await keypair(join(etc, 'stranger'));
  await writeFile(join(etc, 'authorized_keys'), await readFile(join(etc, 'herald.pub')), { mode: 0o600 });
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(etc, 'host_ed25519.pub')]);
  const hostKeySha256 = /SHA256:([A-Za-z0-9+/]+)/.exec(stdout)?.[1] ?? '';
  const port = await freePort();
  const config = join(etc, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(etc, 'host_ed25519')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(etc, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      'ForceCommand internal-sftp',
      `ChrootDirectory ${chroot}`,
      'AllowTcpForwarding no',
      'X11Forwarding no',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  let log = '';
  const server: SftpTestServer = {
    port,
    username: 'root',
    path: '/upload',
    privateKeyPath: join(etc, 'herald'),
    strangerKeyPath: join(etc, 'stranger'),
    hostKeySha256,
    uploadDir,
    async start() {
      if (child) return;
      const started = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      started.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
      child = started;
      const deadline = Date.now() + 5000;
      while (!(await answers(port))) {
        if (started.exitCode !== null || Date.now() > deadline) throw new Error(`sshd did not start: ${log}`);
        await new Promise((r) => setTimeout(r, 30));
      }
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGTERM');
      await exited;
    },
    async close() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
