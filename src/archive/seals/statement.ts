import canonicalize from 'canonicalize';

/**
 * What a daily seal says, signed with Ed25519 over the UTF-8 of its RFC 8785 canonical JSON: at
 * `sealedAt`, the tenant's chain ended at record `seq` whose hash was `hash`. A third party holding
 * the public key (GET /v1/archive/seal-key) and a copy of the seal can later check that the chain
 * still holds that hash at that seq, so history was not rewritten wholesale.
 */
export interface SealStatement {
  kind: 'herald-daily-seal';
  tenant: string;
  tenantId: string;
  /** The local day that ended (YYYY-MM-DD in `timeZone`). */
  day: string;
  timeZone: string;
  /** The chain head: 0 and the genesis hash for an empty chain. */
  seq: number;
  /** 64 lowercase hex digits. */
  hash: string;
  sealedAt: string;
  /** SHA-256 (hex) of the raw Ed25519 public key that signed. */
  keyId: string;
}

/** The archived content of a seal record: the statement, its signature and the key that made it. */
export interface SealDocument {
  statement: SealStatement;
  algorithm: 'Ed25519';
  /** base64 of the 64-byte signature over canonicalBytes(statement). */
  signature: string;
  /** base64 of the raw 32-byte public key. */
  publicKey: string;
}

export function statementBytes(statement: SealStatement): Buffer {
  const json = canonicalize(statement);
  if (json === undefined) throw new Error('a seal statement has no canonical form');
  return Buffer.from(json, 'utf8');
}

/** Reads a seal record's content back; null when it is not a seal document. */
export function parseSealDocument(content: Buffer): SealDocument | null {
  try {
    const doc = JSON.parse(content.toString('utf8')) as unknown;
    if (doc === null || typeof doc !== 'object') return null;
    const { statement, signature, publicKey } = doc as Record<string, unknown>;
    if (statement === null || typeof statement !== 'object' || typeof signature !== 'string' || typeof publicKey !== 'string') return null;
    const s = statement as Record<string, unknown>;
    if (s.kind !== 'herald-daily-seal' || typeof s.seq !== 'number' || typeof s.hash !== 'string' || typeof s.day !== 'string') return null;
    return doc as SealDocument;
  } catch {
    return null;
  }
}
