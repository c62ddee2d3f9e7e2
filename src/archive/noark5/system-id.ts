import { createHash } from 'node:crypto';

/** Herald's namespace for name-based UUIDs (RFC 9562 § 5.5, version 5): a random UUID fixed once. */
const NAMESPACE = Buffer.from('6f1d3c2e8a4b4e0f9b7c5d2a1e3f4b6c', 'hex');

/**
 * A stable systemID (Noark 5 M001, a UUID by the v5.0 schema) for one archive unit, derived from
 * what identifies it in Herald (tenant, year, notice, channel …). The same unit gets the same id in
 * every export; two units never share one (krav 6.4.26, Arkade N5.47).
 */
export function systemId(...parts: readonly (string | number)[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.map(String).join('\u0000'), 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
