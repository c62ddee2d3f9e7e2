import type { FastifyInstance } from 'fastify';
import type { SealKey } from '../archive/seals/index.ts';

export interface SealKeyRouteOptions {
  sealKey: SealKey;
}

const keySchema = {
  type: 'object',
  properties: {
    algorithm: { const: 'Ed25519' },
    keyId: { type: 'string', description: 'SHA-256 (hex) of the raw public key; every seal names it' },
    publicKey: { type: 'string', description: 'the raw 32-byte public key, base64' },
    spki: { type: 'string', description: 'the same key as a PEM SubjectPublicKeyInfo (openssl pkey -pubin)' },
    signs: { type: 'string' },
  },
} as const;

/**
 * GET /v1/archive/seal-key: the public key that checks the daily seals. Public by nature, so it
 * needs no API key: a county governor or a court can fetch it without an account.
 */
export default async function sealKeyRoutes(app: FastifyInstance, opts: SealKeyRouteOptions): Promise<void> {
  const body = {
    algorithm: 'Ed25519' as const,
    keyId: opts.sealKey.keyId,
    publicKey: opts.sealKey.publicRaw.toString('base64'),
    spki: opts.sealKey.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    signs: 'the UTF-8 of the RFC 8785 canonical JSON of each daily seal\'s "statement" (archive records with event "seal")',
  };
  app.get('/v1/archive/seal-key', { schema: { tags: ['archive'], summary: 'The public key of the daily seals (no API key needed)', security: [], response: { 200: keySchema } } }, async () => body);
}
