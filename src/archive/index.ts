/** The archive's public API (principle 3): workers append, the sealer chains, archivists verify. */
export { appendRecord, appendRecords } from './append.ts';
export { canonicalBytes, chainHash, GENESIS_HASH, type ChainedFields } from './canonical.ts';
export type { ArchiveEvent, ArchiveReceipt, ArchiveRecordInput } from './record.ts';
export { sealAll, sealTenant, type SealOptions } from './sealer.ts';
export { verifyChain, type VerifyResult } from './verify.ts';
