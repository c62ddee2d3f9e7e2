import { DateTime } from 'luxon';
import type { Language } from '../../notices/types.ts';
import { formatSpan, formatWhen, type When } from '../website/dates.ts';
import type { Contact, NoticeFacts, VacancyFacts } from '../website/facts.ts';
import type { Labels } from '../website/labels/index.ts';

/** One labelled line of an ad: the legal essentials of the notice's type, as plain text. */
export interface AdFact {
  label: string;
  /** One or more lines (an agenda lists one item a line). */
  lines: string[];
}

function contactText(c: Contact): string {
  return [c.unit, c.name, c.title, c.phone, c.email].filter((p): p is string => p !== undefined).join(', ');
}

function extent(f: VacancyFacts, lang: Language, labels: Labels): string | undefined {
  const percent = f.positionPercent === undefined ? undefined : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(f.positionPercent / 100);
  const kind = f.employment === undefined ? undefined : labels.employment[f.employment];
  const words = [percent, kind].filter((w): w is string => w !== undefined);
  return words.length > 0 ? words.join(' ') : undefined;
}

type Entry = [label: string, value: string | string[] | undefined];

function entries(facts: NoticeFacts, labels: Labels, lang: Language, issueDay: DateTime): Entry[] {
  const l = labels.fields;
  const t = (when: When | undefined): string | undefined => when && formatWhen(when, lang);
  const span = (start: When | undefined, end: When | undefined): string | undefined =>
    start === undefined ? undefined : end === undefined ? formatWhen(start, lang) : formatSpan(start, end, lang);
  switch (facts.type) {
    case 'vacancy':
      return [
        [l.position, facts.position],
        [l.employer, facts.employer],
        [l.workplace, facts.workplace],
        [l.extent, extent(facts, lang, labels)],
        [l.salary, facts.salary],
        [l.applicationDeadline, t(facts.applicationDeadline)],
        [l.apply, facts.applicationUrl],
        [l.reference, facts.reference],
        [l.contact, facts.contacts.map(contactText)],
      ];
    case 'plan':
      return [
        [l.plan, facts.planName],
        [l.planId, facts.planId],
        [l.stage, facts.stage && labels.stages[facts.stage]],
        [l.caseNumber, facts.caseNumber],
        // For the paper's readers the period runs from the day this issue prints.
        [l.hearingPeriod, facts.stage !== 'vedtak' && facts.commentDeadline ? formatSpan({ at: issueDay, dateOnly: true }, facts.commentDeadline, lang) : undefined],
        [l.commentsTo, facts.commentAddress],
        [l.planDocuments, facts.documentsUrl],
        [l.physicalCopy, facts.physicalCopyLocation],
        [l.decisionDate, t(facts.decisionDate)],
        [l.decidedBy, facts.decidedBy],
        [l.appealDeadline, t(facts.appealDeadline)],
      ];
    case 'meeting':
      return [
        [l.organ, facts.organ],
        [l.time, span(facts.start, facts.end)],
        [l.place, facts.place],
        [l.stream, facts.streamUrl],
        [l.agenda, facts.agenda.map((i) => `${i.number === undefined ? '' : `${i.number} `}${i.title}${i.closed ? ` (${l.closedItem}${i.legalBasis === undefined ? '' : `, ${i.legalBasis}`})` : ''}`)],
        [l.documents, facts.documentsUrl],
      ];
    case 'event':
      return [
        [l.time, span(facts.start, facts.end)],
        [l.place, facts.place],
        [l.organiser, facts.organiser],
        [l.price, facts.price],
        [l.registration, facts.registrationUrl],
        [l.contact, facts.contact && contactText(facts.contact)],
      ];
    case 'announcement':
      return [
        [l.validUntil, t(facts.validUntil)],
        [l.moreInfo, facts.moreInfoUrl],
        [l.contact, facts.contact && contactText(facts.contact)],
      ];
  }
}

/** The type's essentials in reading order, absent ones left out; `issueDate` is the local `YYYY-MM-DD` the ad prints. */
export function adFacts(facts: NoticeFacts, labels: Labels, lang: Language, issueDate: string, zone: string): AdFact[] {
  const issueDay = DateTime.fromISO(issueDate, { zone });
  return entries(facts, labels, lang, issueDay).flatMap(([label, value]) => {
    const lines = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return lines.length === 0 ? [] : [{ label, lines }];
  });
}
