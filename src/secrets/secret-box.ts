import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest. A sealed secret is `version (1) ‖ nonce (12) ‖ tag (16) ‖ ciphertext`;
 * `context` (e.g. the tenant and Page it belongs to) is authenticated too, so a sealed value copied to
 * another row does not open.
 */
const VERSION = 1;
const NONCE = 12;
const TAG = 16;

export class SecretUnreadable extends Error {
  constructor(reason: string) {
    super(`the stored secret cannot be decrypted: ${reason}`);
    this.name = 'SecretUnreadable';
  }
}

export function sealSecret(key: Buffer, plaintext: string, context: string): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

export function openSecret(key: Buffer, sealed: Buffer, context: string): string {
  if (sealed.length < 1 + NONCE + TAG || sealed[0] !== VERSION) throw new SecretUnreadable('unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + NONCE));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(1 + NONCE, 1 + NONCE + TAG));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(1 + NONCE + TAG)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnreadable('wrong key or altered value');
  }
}
