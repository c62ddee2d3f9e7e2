import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The largest image the form takes (@fastify/multipart answers 413 above it). */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/** Image types the channels can show, told by their first bytes (never by the name or the browser's word). */
const SIGNATURES: readonly { ext: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function imageExtension(bytes: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(bytes))?.ext ?? null;
}

/**
 * Stores an uploaded image in the tenant's public media folder under its SHA-256 (so the same image
 * is stored once, and a file is never overwritten with other bytes); answers its path below the web root.
 */
export async function storeImage(webRoot: string, tenant: string, bytes: Buffer, ext: string): Promise<string> {
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
  const folder = join(webRoot, tenant, 'media');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, name), bytes, { flag: 'w' });
  return `${tenant}/media/${name}`;
}
