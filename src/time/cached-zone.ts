import { IANAZone, type Zone } from 'luxon';
import { offsetAt } from './local-instant.ts';

/**
 * An IANA zone whose offsets come from local-instant.ts's per-hour cache. luxon asks Intl for the
 * offset of every DateTime it makes in a zone (tens of microseconds each), which made date handling
 * the largest cost of rendering a notice page; the answers are the same, only cached.
 */
class CachedIanaZone extends IANAZone {
  override offset(ts: number): number {
    return offsetAt(this.name, ts);
  }
}

const zones = new Map<string, Zone>();

/** The cached zone of an IANA name; equal to luxon's own zone of that name (same type and name). */
export function cachedZone(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) zones.set(name, (zone = new CachedIanaZone(name)));
  return zone;
}
