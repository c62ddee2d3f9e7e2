import { createHash } from 'node:crypto';

/**
 * The key that encrypts secrets at rest (Facebook Page tokens): 32 bytes, given as HERALD_SECRET_KEY in
 * 64 hex digits or base64. Outside production a fixed development key stands in when none is given —
 * it is public (it is in this file), so anything it encrypted is readable by anyone with the database.
 */
export const DEV_SECRET_KEY = createHash('sha256').update('herald development key: public, never for production').digest('hex');

export function parseSecretKey(text: string): Buffer | null {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(text) ? Buffer.from(text, 'base64') : null;
  return bytes?.length === 32 ? bytes : null;
}

/** Names a key without revealing it, so a secret encrypted under another key can be told apart. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('herald key fingerprint\0').update(key).digest('hex').slice(0, 16);
}

/** The key from HERALD_SECRET_KEY (loadEnv has checked its form). */
export function requireSecretKey(text: string): Buffer {
  const key = parseSecretKey(text);
  if (!key) throw new Error('HERALD_SECRET_KEY must be 32 bytes: 64 hex digits or base64');
  return key;
}
