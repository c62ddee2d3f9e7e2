import { createHash, randomBytes } from 'node:crypto';

/** `hrld_` marks a Herald key so secret scanners and people recognise one. */
const KEY_PREFIX = 'hrld_';

export interface NewApiKey {
  key: string;
  /** The first characters after the marker: safe to show in `keys list`. */
  prefix: string;
  hash: Buffer;
}

export function generateApiKey(): NewApiKey {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 8), hash: hashApiKey(key) };
}

/** 256 random bits need no slow hash: SHA-256 of the key is what is stored and looked up. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX) && value.length === KEY_PREFIX.length + 43;
}
