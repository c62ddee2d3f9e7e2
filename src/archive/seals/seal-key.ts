import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The Ed25519 key that signs the daily seals (HERALD_SEAL_KEY: its 32-byte seed, 64 hex digits or
 * base64). Outside production a fixed development seed stands in when none is given; it is public
 * (it is in this file), so seals signed with it prove nothing.
 */
export const DEV_SEAL_KEY = createHash('sha256').update('herald development seal key: public, never for production').digest('hex');

/** PKCS#8 DER of an Ed25519 private key is this prefix followed by the 32-byte seed (RFC 8410). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** SPKI DER of an Ed25519 public key is this prefix followed by the 32 raw bytes. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SealKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The 32 raw bytes of the public key. */
  publicRaw: Buffer;
  /** SHA-256 of the raw public key, hex: names the key in every seal. */
  keyId: string;
}

export function parseSealSeed(text: string): Buffer | null {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(text) ? Buffer.from(text, 'base64') : null;
  return bytes?.length === 32 ? bytes : null;
}

export function keyIdOf(publicRaw: Buffer): string {
  return createHash('sha256').update(publicRaw).digest('hex');
}

/** The key pair from HERALD_SEAL_KEY (loadEnv has checked its form). */
export function sealKeyFrom(text: string): SealKey {
  const seed = parseSealSeed(text);
  if (!seed) throw new Error('HERALD_SEAL_KEY must be a 32-byte Ed25519 seed: 64 hex digits or base64');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const publicRaw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return { privateKey, publicKey, publicRaw, keyId: keyIdOf(publicRaw) };
}

export function devSealKey(): SealKey {
  return sealKeyFrom(DEV_SEAL_KEY);
}

export function signBytes(key: SealKey, bytes: Buffer): Buffer {
  return sign(null, bytes, key.privateKey);
}

/** Checks an Ed25519 signature against a raw 32-byte public key. */
export function verifySignature(publicRaw: Buffer, bytes: Buffer, signature: Buffer): boolean {
  if (publicRaw.length !== 32 || signature.length !== 64) return false;
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicRaw]), format: 'der', type: 'spki' });
  return verify(null, bytes, publicKey, signature);
}
