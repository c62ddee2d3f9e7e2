import { DateTime } from 'luxon';
import type { Newspaper, Tenant } from '../../src/config/tenant-types.ts';

export const ZONE = 'Europe/Oslo';

/** A fixed instant, written with its offset, seen in the tenant's zone. */
export function at(iso: string): DateTime {
  const instant = DateTime.fromISO(iso, { setZone: true });
  if (!instant.isValid) throw new RangeError(`bad fixture instant ${iso}`);
  return instant.setZone(ZONE);
}

/** A calendar day (the functions under test read only its date). */
export function day(isoDate: string): DateTime {
  return DateTime.fromISO(isoDate, { zone: 'utc' });
}

/** An instant as Oslo wall time with offset, for readable assertions. */
export function oslo(instant: DateTime | Date): string {
  const value = instant instanceof Date ? DateTime.fromJSDate(instant) : instant;
  return value.setZone(ZONE).toISO({ suppressMilliseconds: true }) ?? 'invalid';
}

/** A paper printing Tuesday, Thursday and Saturday; booking closes 2 working days before at 12:00. */
export function newspaper(overrides: Partial<Newspaper> = {}): Newspaper {
  return {
    id: 'lokalavisa',
    name: 'Lokalavisa',
    generallyRead: true,
    confirmWithinDays: 2,
    issueWeekdays: [2, 4, 6],
    bookingDeadline: { workingDaysBefore: 2, time: '12:00' },
    ad: { columnWidthMm: 46, columns: 5, maxHeightMm: 370 },
    delivery: { kind: 'directory' },
    ...overrides,
  };
}

export function tenant(channels: Partial<Tenant['channels']> = {}): Tenant {
  return {
    slug: 'eidsberg',
    name: 'Eidsberg kommune',
    organisationNumber: '964947082',
    timeZone: ZONE,
    language: 'nb',
    samiLanguageArea: false,
    channels: {
      website: { baseUrl: 'https://www.eidsberg.kommune.no' },
      newspapers: [newspaper()],
      facebook: { pageId: '100064', postingWindow: { from: '07:00', to: '22:00' } },
      ...channels,
    },
    rules: {},
  };
}
