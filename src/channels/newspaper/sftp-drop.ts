import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import type { SftpDelivery } from '../../config/tenant-types.ts';
import { PermanentChannelError } from '../types.ts';
import type { Drop, DropFile } from './drop.ts';
import { tempName } from './paths.ts';

export interface SftpOptions {
  /** How long the SSH handshake may take before the attempt counts as failed (and is retried). @defaultValue 10000 */
  readyTimeoutMs?: number;
}

const fingerprint = (key: Buffer): string => createHash('sha256').update(key).digest('base64').replace(/=+$/, '');

/** Refusals no retry can cure: the paper does not accept our key, or the server is not the one pinned. */
function permanentIfRefused(error: unknown, target: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const level = (error as { level?: unknown }).level;
  if (level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    return new PermanentChannelError(`${target} refused Herald's SSH key: ${message}`, { reason: 'auth' });
  }
  if (/host denied|verification failed/i.test(message)) {
    return new PermanentChannelError(`${target} did not present the pinned host key: ${message}`, { reason: 'host-key' });
  }
  return error;
}

function notFound(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 2 || code === 'ENOENT' || /no such file/i.test(error instanceof Error ? error.message : '');
}

/**
 * A paper's SFTP server (ssh2-sftp-client), key authentication only, the host key pinned where
 * configured. One connection per call: batches are a few a day per paper. Each file is uploaded
 * under a temp name and moved into place with OpenSSH's posix-rename (atomic, replaces), so a paper
 * that picks up while we upload, or after a dropped connection, never sees half a file.
 */
export function sftpDrop(config: SftpDelivery, options: SftpOptions = {}): Drop {
  const port = config.port ?? 22;
  const target = `sftp://${config.username}@${config.host}:${port}${config.path}`;

  async function session<T>(work: (client: SftpClient) => Promise<T>): Promise<T> {
    const quiet = () => undefined;
    const client = new SftpClient('herald-newspaper', { error: quiet, end: quiet, close: quiet });
    try {
      await client.connect({
        host: config.host,
        port,
        username: config.username,
        privateKey: await readFile(config.privateKeyPath),
        readyTimeout: options.readyTimeoutMs ?? 10_000,
        ...(config.hostKeySha256 === undefined ? {} : { hostVerifier: (key: Buffer) => fingerprint(key) === config.hostKeySha256?.replace(/=+$/, '') }),
      });
    } catch (error) {
      await client.end().catch(quiet);
      throw permanentIfRefused(error, target);
    }
    try {
      return await work(client);
    } finally {
      await client.end().catch(quiet);
    }
  }

  const dirOf = (folder: string): string => posix.join(config.path, ...folder.split(/[\\/]/));

  return {
    location: target,
    put(folder: string, files: readonly DropFile[]) {
      return session(async (client) => {
        const dir = dirOf(folder);
        await client.mkdir(dir, true);
        for (const file of files) {
          const temp = posix.join(dir, tempName(file.name));
          await client.put(file.bytes, temp);
          await client.posixRename(temp, posix.join(dir, file.name));
        }
      });
    },
    read(folder: string, name: string) {
      return session(async (client) => {
        try {
          const got = await client.get(posix.join(dirOf(folder), name));
          return Buffer.isBuffer(got) ? got : null;
        } catch (error) {
          if (notFound(error)) return null;
          throw error;
        }
      });
    },
    list(folder: string) {
      return session(async (client) => {
        const dir = dirOf(folder);
        if ((await client.exists(dir)) !== 'd') return [];
        return (await client.list(dir)).map((entry) => entry.name);
      });
    },
  };
}
