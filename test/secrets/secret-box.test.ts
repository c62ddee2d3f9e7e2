import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { openSecret, sealSecret, SecretUnreadable } from '../../src/secrets/secret-box.ts';
import { DEV_SECRET_KEY, keyFingerprint, parseSecretKey } from '../../src/secrets/secret-key.ts';

const key = randomBytes(32);

test('a sealed secret opens with the same key and context, and holds no plaintext', () => {
  const sealed = sealSecret(key, 'EAAB-page-token-æøå', 'facebook-page-token:t1:p1');
  assert.ok(!sealed.includes(Buffer.from('page-token')));
  assert.equal(openSecret(key, sealed, 'facebook-page-token:t1:p1'), 'EAAB-page-token-æøå');
  assert.notDeepEqual(sealSecret(key, 'same', 'c'), sealSecret(key, 'same', 'c'), 'a fresh nonce each time');
});

test('another key, another context or one altered byte does not open', () => {
  const sealed = sealSecret(key, 'secret', 'ctx-a');
  assert.throws(() => openSecret(randomBytes(32), sealed, 'ctx-a'), SecretUnreadable);
  assert.throws(() => openSecret(key, sealed, 'ctx-b'), SecretUnreadable);
  const altered = Buffer.from(sealed);
  altered[altered.length - 1] = (altered.at(-1) ?? 0) ^ 1;
  assert.throws(() => openSecret(key, altered, 'ctx-a'), SecretUnreadable);
  assert.throws(() => openSecret(key, Buffer.from([9, 1, 2]), 'ctx-a'), SecretUnreadable);
});

test('keys are 32 bytes in hex or base64; the fingerprint names a key without revealing it', () => {
  assert.equal(parseSecretKey(DEV_SECRET_KEY)?.length, 32);
  assert.equal(parseSecretKey(key.toString('base64'))?.equals(key), true);
  assert.equal(parseSecretKey('too-short'), null);
  assert.equal(parseSecretKey('ab'.repeat(31)), null);
  assert.equal(keyFingerprint(key).length, 16);
  assert.ok(!key.toString('hex').includes(keyFingerprint(key)));
  assert.notEqual(keyFingerprint(key), keyFingerprint(randomBytes(32)));
});
