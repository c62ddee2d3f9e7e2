import type { Tenant } from '../../config/tenant-types.ts';
import type { NoticeSnapshot } from '../types.ts';
import { deadlineInstant, isoLocal, type When } from './dates.ts';
import type { EventFacts, MeetingFacts, NoticeFacts, VacancyFacts } from './facts.ts';

type Thing = Record<string, unknown>;

const SCHEMA = 'https://schema.org/';

/** The municipality, identified by its Enhetsregisteret number. */
function municipality(tenant: Tenant, baseUrl: string): Thing {
  return {
    '@type': 'GovernmentOrganization',
    name: tenant.name,
    identifier: { '@type': 'PropertyValue', propertyID: 'Enhetsregisteret', name: 'Organisasjonsnummer', value: tenant.organisationNumber },
    url: baseUrl,
  };
}

function instant(when: When): string {
  return when.at.toISO({ suppressMilliseconds: true }) ?? '';
}

/** schema.org's values; a post below 100 % is part-time whatever its kind. */
function employmentType(f: VacancyFacts): string[] | undefined {
  const types: string[] = [];
  if (f.positionPercent !== undefined) types.push(f.positionPercent < 100 ? 'PART_TIME' : 'FULL_TIME');
  if (f.employment !== undefined && f.employment !== 'fast') types.push('TEMPORARY');
  return types.length > 0 ? types : undefined;
}

function jobPosting(notice: NoticeSnapshot, tenant: Tenant, f: VacancyFacts, url: string, baseUrl: string): Thing {
  const { content } = notice;
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: f.position ?? content.title,
    description: content.body,
    url,
    inLanguage: content.language,
    datePosted: isoLocal(notice.publishAt, tenant.timeZone),
    validThrough: f.applicationDeadline && instant({ at: deadlineInstant(f.applicationDeadline), dateOnly: false }),
    hiringOrganization: municipality(tenant, baseUrl),
    jobLocation: {
      '@type': 'Place',
      address: { '@type': 'PostalAddress', addressLocality: f.workplace ?? tenant.name, addressCountry: 'NO' },
    },
    employmentType: employmentType(f),
    totalJobOpenings: f.positions,
    identifier: f.reference && { '@type': 'PropertyValue', name: tenant.name, value: f.reference },
    responsibilities: f.duties.length > 0 ? f.duties.join('\n') : undefined,
    qualifications: f.qualifications.length > 0 ? f.qualifications.join('\n') : undefined,
    jobBenefits: f.offers.length > 0 ? f.offers.join('\n') : undefined,
  };
}

function event(notice: NoticeSnapshot, tenant: Tenant, f: MeetingFacts | EventFacts, url: string, baseUrl: string, cancelled: boolean): Thing {
  const streamUrl = f.type === 'meeting' ? f.streamUrl : undefined;
  const places: Thing[] = [];
  if (f.place !== undefined) places.push({ '@type': 'Place', name: f.place, address: f.place });
  if (streamUrl !== undefined) places.push({ '@type': 'VirtualLocation', url: streamUrl });
  const mode = f.place !== undefined && streamUrl !== undefined ? 'Mixed' : streamUrl !== undefined ? 'Online' : 'Offline';
  const host = municipality(tenant, baseUrl);
  let organizer = host;
  if (f.type === 'meeting' && f.organ !== undefined) organizer = { '@type': 'GovernmentOrganization', name: f.organ, parentOrganization: host };
  if (f.type === 'event' && f.organiser !== undefined) organizer = { '@type': 'Organization', name: f.organiser };
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: notice.content.title,
    // A notice may be withdrawn for what its text says: the cancelled event does not repeat it.
    description: cancelled ? undefined : notice.content.body,
    url,
    inLanguage: notice.content.language,
    startDate: f.start && instant(f.start),
    endDate: f.end && instant(f.end),
    location: places.length === 1 ? places[0] : places,
    organizer,
    eventAttendanceMode: `${SCHEMA}${mode}EventAttendanceMode`,
    eventStatus: `${SCHEMA}${cancelled ? 'EventCancelled' : 'EventScheduled'}`,
  };
}

/**
 * The schema.org description search engines and job boards read: JobPosting for vacancies, Event for
 * events and meetings (EventCancelled once withdrawn); null for the other types. A withdrawn vacancy
 * has none, so job boards drop it.
 */
export function jsonLd(notice: NoticeSnapshot, tenant: Tenant, facts: NoticeFacts, urls: { page: string; base: string }, withdrawn = false): Thing | null {
  switch (facts.type) {
    case 'vacancy':
      return withdrawn ? null : jobPosting(notice, tenant, facts, urls.page, urls.base);
    case 'meeting':
    case 'event':
      return event(notice, tenant, facts, urls.page, urls.base, withdrawn);
    default:
      return null;
  }
}
