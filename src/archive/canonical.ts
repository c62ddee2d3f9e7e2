import { createHash, hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The chain, as an archivist can recompute it by hand from `archive_records` (one tenant):
 *
 *   hash(seq 1) = SHA-256( 32 zero bytes            ‖ canonical(record 1) )
 *   hash(seq n) = SHA-256( hash(seq n-1) [32 bytes] ‖ canonical(record n) )
 *
 * `prev_hash` stores the left operand, `hash` the result; seq runs 1, 2, 3 … without gaps.
 * canonical(record) is the UTF-8 of the RFC 8785 (JSON Canonicalization Scheme) form of this object:
 *
 *   seq            the record's seq, a number
 *   tenantId       tenant_id, lowercase UUID text
 *   noticeId       notice_id, lowercase UUID text, or null
 *   noticeVersion  notice_version, a number, or null
 *   publicationId  publication_id, lowercase UUID text, or null
 *   channel        channel text, or null
 *   event          event text
 *   contentType    content_type text
 *   contentSha256  SHA-256 of the content bytes, 64 lowercase hex digits
 *   ruleVersion    rule_version text, or null
 *   receipt        the receipt jsonb as stored (any JSON value), or null
 *   recordedAt     recorded_at in UTC as YYYY-MM-DDTHH:mm:ss.sssZ (stored at millisecond precision)
 *
 * RFC 8785 means: keys sorted by UTF-16 code units (at every depth), no whitespace, strings with
 * minimal JSON escaping, numbers as ECMAScript prints them. Null fields are kept, not dropped. Example:
 *
 *   {"channel":"website","contentSha256":"6b86…","contentType":"text/html","event":"published",
 *    "noticeId":null,"noticeVersion":null,"publicationId":null,"receipt":{"url":"https://x.no/1"},
 *    "recordedAt":"2025-11-25T09:30:00.000Z","ruleVersion":"vacancy@3","seq":1,
 *    "tenantId":"0b5e…"}
 *
 * `sealed_at` is not covered: it only says when the sealer got to the record.
 */
export interface ChainedFields {
  seq: number;
  tenantId: string;
  noticeId: string | null;
  noticeVersion: number | null;
  publicationId: string | null;
  channel: string | null;
  event: string;
  contentType: string;
  contentSha256: Buffer;
  ruleVersion: string | null;
  /** The jsonb value as pg parsed it. */
  receipt: unknown;
  /** A Date, or already its toISOString() form (the verifier has PostgreSQL write it so). */
  recordedAt: Date | string;
}

/** prev_hash of seq 1. */
export const GENESIS_HASH = Buffer.alloc(32);

export function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

const isoOf = (at: Date | string): string => (typeof at === 'string' ? at : at.toISOString());

/** A string or null as RFC 8785 writes it: JCS serializes strings exactly as ECMAScript's JSON.stringify does. */
const str = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * The bytes the chain hashes for one record (see above). The top-level keys are fixed, so they are
 * written in their RFC 8785 order directly; only the receipt, whose shape varies, goes through the
 * general canonicalizer. test/archive/canonical.test.ts holds this to canonicalize() of the whole
 * object: a sealer and a verifier hash every record, so this path is hot.
 */
export function canonicalBytes(fields: ChainedFields): Buffer {
  const receipt = canonicalize(fields.receipt ?? null);
  // Only an undefined input gives undefined; null and every JSON value serialize.
  if (receipt === undefined) throw new Error('canonical form of a receipt is undefined');
  const json =
    `{"channel":${str(fields.channel)},"contentSha256":"${fields.contentSha256.toString('hex')}","contentType":${str(fields.contentType)}` +
    `,"event":${str(fields.event)},"noticeId":${str(fields.noticeId)},"noticeVersion":${fields.noticeVersion === null ? 'null' : JSON.stringify(fields.noticeVersion)}` +
    `,"publicationId":${str(fields.publicationId)},"receipt":${receipt},"recordedAt":"${isoOf(fields.recordedAt)}"` +
    `,"ruleVersion":${str(fields.ruleVersion)},"seq":${JSON.stringify(fields.seq)},"tenantId":${str(fields.tenantId)}}`;
  return Buffer.from(json, 'utf8');
}

/** The same bytes through the general canonicalizer: the definition canonicalBytes is tested against. */
export function canonicalBytesGeneric(fields: ChainedFields): Buffer {
  const json = canonicalize({
    seq: fields.seq,
    tenantId: fields.tenantId,
    noticeId: fields.noticeId,
    noticeVersion: fields.noticeVersion,
    publicationId: fields.publicationId,
    channel: fields.channel,
    event: fields.event,
    contentType: fields.contentType,
    contentSha256: fields.contentSha256.toString('hex'),
    ruleVersion: fields.ruleVersion,
    receipt: fields.receipt ?? null,
    recordedAt: isoOf(fields.recordedAt),
  });
  if (json === undefined) throw new Error('canonical form of an archive record is undefined');
  return Buffer.from(json, 'utf8');
}

/** hash = SHA-256(prev_hash ‖ canonical record). */
export function chainHash(prevHash: Buffer, canonical: Buffer): Buffer {
  // One-shot hashing over one buffer: no Hash object per record (sealer and verifier hash every one).
  return hash('sha256', Buffer.concat([prevHash, canonical]), 'buffer');
}
