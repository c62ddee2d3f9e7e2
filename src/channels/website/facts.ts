import type { NoticeInput } from '../../notices/types.ts';
import { readWhen, type When } from './dates.ts';

// Field names and enums are those of rules/<type>.yaml; intake has validated `fields` against them,
// so each reader only narrows `unknown` and treats anything unexpected as absent.

export type Employment = 'fast' | 'vikariat' | 'midlertidig' | 'engasjement' | 'sesong';
export type PlanStage = 'oppstart' | 'ettersyn' | 'vedtak' | 'kommuneplan-hoering';

export interface Contact {
  name?: string;
  title?: string;
  unit?: string;
  phone?: string;
  email?: string;
}

export interface AgendaItem {
  number?: string;
  title: string;
  closed: boolean;
  legalBasis?: string;
}

export interface VacancyFacts {
  type: 'vacancy';
  position?: string;
  employer?: string;
  workplace?: string;
  positionPercent?: number;
  positions?: number;
  employment?: Employment;
  salary?: string;
  startDate?: string;
  duties: string[];
  qualifications: string[];
  offers: string[];
  applicationDeadline?: When;
  applicationUrl?: string;
  reference?: string;
  contacts: Contact[];
}

export interface PlanFacts {
  type: 'plan';
  stage?: PlanStage;
  planId?: string;
  planName?: string;
  caseNumber?: string;
  proposer?: string;
  commentDeadline?: When;
  commentAddress?: string;
  documentsUrl?: string;
  physicalCopyLocation?: string;
  decisionDate?: When;
  decidedBy?: string;
  appealDeadline?: When;
}

export interface MeetingFacts {
  type: 'meeting';
  organ?: string;
  start?: When;
  end?: When;
  place?: string;
  streamUrl?: string;
  documentsUrl?: string;
  agenda: AgendaItem[];
}

export interface EventFacts {
  type: 'event';
  start?: When;
  end?: When;
  place?: string;
  organiser?: string;
  contact?: Contact;
  accessibility?: string;
  interpreter?: string;
  price?: string;
  registrationUrl?: string;
}

export interface AnnouncementFacts {
  type: 'announcement';
  validUntil?: When;
  moreInfoUrl?: string;
  contact?: Contact;
}

export type NoticeFacts = VacancyFacts | PlanFacts | MeetingFacts | EventFacts | AnnouncementFacts;

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function num(fields: Fields, key: string): number | undefined {
  const value = fields[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function texts(fields: Fields, key: string): string[] {
  const value = fields[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

function oneOf<T extends string>(fields: Fields, key: string, allowed: readonly T[]): T | undefined {
  const value = fields[key];
  return allowed.find((candidate) => candidate === value);
}

function contact(value: unknown): Contact | undefined {
  if (!isFields(value)) return undefined;
  const found: Contact = { name: text(value, 'name'), title: text(value, 'title'), unit: text(value, 'unit'), phone: text(value, 'phone'), email: text(value, 'email') };
  return Object.values(found).some((v) => v !== undefined) ? found : undefined;
}

function agendaItem(value: unknown): AgendaItem | undefined {
  if (!isFields(value)) return undefined;
  const title = text(value, 'title');
  if (title === undefined) return undefined;
  return { number: text(value, 'number'), title, closed: value.closed === true, legalBasis: text(value, 'legalBasis') };
}

function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/** The type's facts, read from the notice's `fields` in the tenant's zone. */
export function readFacts(content: NoticeInput, zone: string): NoticeFacts {
  const f: Fields = isFields(content.fields) ? content.fields : {};
  const when = (key: string): When | undefined => readWhen(f[key], zone);
  switch (content.type) {
    case 'vacancy':
      return {
        type: 'vacancy',
        position: text(f, 'position'),
        employer: text(f, 'employer'),
        workplace: text(f, 'workplace'),
        positionPercent: num(f, 'positionPercent'),
        positions: num(f, 'positions'),
        employment: oneOf(f, 'employment', ['fast', 'vikariat', 'midlertidig', 'engasjement', 'sesong']),
        salary: text(f, 'salary'),
        startDate: text(f, 'startDate'),
        duties: texts(f, 'duties'),
        qualifications: texts(f, 'qualifications'),
        offers: texts(f, 'offers'),
        applicationDeadline: when('applicationDeadline'),
        applicationUrl: text(f, 'applicationUrl'),
        reference: text(f, 'reference'),
        contacts: (Array.isArray(f.contacts) ? f.contacts : []).map(contact).filter(defined),
      };
    case 'plan':
      return {
        type: 'plan',
        stage: oneOf(f, 'stage', ['oppstart', 'ettersyn', 'vedtak', 'kommuneplan-hoering']),
        planId: text(f, 'planId'),
        planName: text(f, 'planName'),
        caseNumber: text(f, 'caseNumber'),
        proposer: text(f, 'proposer'),
        commentDeadline: when('commentDeadline'),
        commentAddress: text(f, 'commentAddress'),
        documentsUrl: text(f, 'documentsUrl'),
        physicalCopyLocation: text(f, 'physicalCopyLocation'),
        decisionDate: when('decisionDate'),
        decidedBy: text(f, 'decidedBy'),
        appealDeadline: when('appealDeadline'),
      };
    case 'meeting':
      return {
        type: 'meeting',
        organ: text(f, 'organ'),
        start: when('start'),
        end: when('end'),
        place: text(f, 'place'),
        streamUrl: text(f, 'streamUrl'),
        documentsUrl: text(f, 'documentsUrl'),
        agenda: (Array.isArray(f.agenda) ? f.agenda : []).map(agendaItem).filter(defined),
      };
    case 'event':
      return {
        type: 'event',
        start: when('start'),
        end: when('end'),
        place: text(f, 'place'),
        organiser: text(f, 'organiser'),
        contact: contact(f.contact),
        accessibility: text(f, 'accessibility'),
        interpreter: text(f, 'interpreter'),
        price: text(f, 'price'),
        registrationUrl: text(f, 'registrationUrl'),
      };
    case 'announcement':
      return { type: 'announcement', validUntil: when('validUntil'), moreInfoUrl: text(f, 'moreInfoUrl'), contact: contact(f.contact) };
  }
}
