import type { FastifyInstance } from 'fastify';
import { verifyArchive } from '../archive/verify-archive.ts';
import type { SealKey } from '../archive/seals/index.ts';
import { archivistsOnly } from './archive-access.ts';
import { problemResponses } from './notice-schemas.ts';

export interface ArchiveVerifyRouteOptions {
  sealKey: SealKey;
}

const verdictSchema = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    checked: { type: 'integer', description: 'records found intact, in seq order, before the first bad one' },
    firstBadSeq: { type: ['integer', 'null'] },
    reason: { type: ['string', 'null'] },
    seals: { type: 'integer', description: 'daily seals whose signature and signed chain head still hold' },
    unsealed: { type: 'integer', description: 'records not in the chain yet (sealed within seconds), not checked' },
  },
} as const;

/** GET /v1/archive/verify: recomputes every content hash, the chain and the daily seals of the caller's municipality. */
export default async function archiveVerifyRoutes(app: FastifyInstance, opts: ArchiveVerifyRouteOptions): Promise<void> {
  app.get(
    '/archive/verify',
    { preHandler: archivistsOnly, schema: { tags: ['archive'], summary: 'Recompute the chain: { ok, checked, firstBadSeq, reason }', response: { 200: verdictSchema, ...problemResponses } } },
    async (request) => {
      const verdict = await verifyArchive(app.pg, request.principal.tenantId, { sealPublicKey: opts.sealKey.publicRaw });
      request.log.info({ event: 'archive.verified', ok: verdict.ok, checked: verdict.checked, firstBadSeq: verdict.firstBadSeq }, 'archive verified');
      return verdict;
    },
  );
}
