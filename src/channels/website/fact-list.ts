import { DateTime } from 'luxon';
import type { Language } from '../../notices/types.ts';
import { formatSpan, formatWhen, machineWhen, type When } from './dates.ts';
import { safeHref } from './escape.ts';
import type { AgendaItem, Contact, NoticeFacts, PlanFacts, VacancyFacts } from './facts.ts';
import { html, type SafeHtml } from './html.ts';
import type { Labels } from './labels/index.ts';
import { cachedZone } from '../../time/cached-zone.ts';

export interface Fact {
  label: string;
  value: SafeHtml;
}

/** A link when the URL is http(s)/mailto/tel, otherwise the text as written. */
function link(url: string, text: string = url): SafeHtml {
  const href = safeHref(url);
  return href === null ? html`${text}` : html`<a href="${href}">${text}</a>`;
}

function time(when: When, lang: Language): SafeHtml {
  return html`<time datetime="${machineWhen(when)}">${formatWhen(when, lang)}</time>`;
}

function contactLine(c: Contact): SafeHtml {
  const parts = [c.unit, c.name, c.title].filter((p): p is string => p !== undefined).map((p) => html`${p}`);
  if (c.phone !== undefined) parts.push(link(`tel:${c.phone.replace(/ /g, '')}`, c.phone));
  if (c.email !== undefined) parts.push(link(`mailto:${c.email}`, c.email));
  return html`${parts.map((p, i) => html`${i > 0 && ', '}${p}`)}`;
}

function contacts(list: readonly Contact[]): SafeHtml {
  return list.length === 1 && list[0] ? contactLine(list[0]) : html`<ul>${list.map((c) => html`<li>${contactLine(c)}</li>`)}</ul>`;
}

function agenda(items: readonly AgendaItem[], labels: Labels): SafeHtml {
  return html`<ol>${items.map(
    (item) =>
      html`<li>${item.number !== undefined && html`${item.number} `}${item.title}${item.closed && html` (${labels.fields.closedItem}${item.legalBasis !== undefined && html`, ${item.legalBasis}`})`}</li>`,
  )}</ol>`;
}

// Making an Intl formatter costs far more than using one: one per language.
const percentFormats = new Map<Language, Intl.NumberFormat>();

function percentFormat(lang: Language): Intl.NumberFormat {
  let format = percentFormats.get(lang);
  if (!format) percentFormats.set(lang, (format = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 })));
  return format;
}

function extent(f: VacancyFacts, lang: Language, labels: Labels): string | undefined {
  const percent = f.positionPercent === undefined ? undefined : percentFormat(lang).format(f.positionPercent / 100);
  const kind = f.employment === undefined ? undefined : labels.employment[f.employment];
  const words = [percent, kind].filter((w): w is string => w !== undefined);
  return words.length > 0 ? words.join(' ') : undefined;
}

/** The comment period runs from the day the notice goes public to the deadline, both inclusive. */
function hearingPeriod(f: PlanFacts, publishAt: Date, zone: string, lang: Language): string | undefined {
  if (f.stage === 'vedtak' || f.commentDeadline === undefined) return undefined;
  const from: When = { at: DateTime.fromJSDate(publishAt, { zone: cachedZone(zone) }).startOf('day'), dateOnly: true };
  return formatSpan(from, f.commentDeadline, lang);
}

function span(start: When | undefined, end: When | undefined, lang: Language): SafeHtml | undefined {
  if (start === undefined) return undefined;
  return end === undefined ? time(start, lang) : html`${formatSpan(start, end, lang)}`;
}

type Entry = [label: string, value: SafeHtml | string | undefined];

function entries(facts: NoticeFacts, labels: Labels, lang: Language, publishAt: Date, zone: string): Entry[] {
  const l = labels.fields;
  const t = (when: When | undefined): SafeHtml | undefined => when && time(when, lang);
  const a = (url: string | undefined): SafeHtml | undefined => url === undefined ? undefined : link(url);
  switch (facts.type) {
    case 'vacancy':
      return [
        [l.position, facts.position],
        [l.employer, facts.employer],
        [l.workplace, facts.workplace],
        [l.extent, extent(facts, lang, labels)],
        [l.positions, facts.positions === undefined || facts.positions === 1 ? undefined : String(facts.positions)],
        [l.salary, facts.salary],
        [l.startDate, facts.startDate],
        [l.applicationDeadline, t(facts.applicationDeadline)],
        [l.apply, a(facts.applicationUrl)],
        [l.reference, facts.reference],
        [l.contact, facts.contacts.length > 0 ? contacts(facts.contacts) : undefined],
      ];
    case 'plan':
      return [
        [l.plan, facts.planName],
        [l.planId, facts.planId],
        [l.stage, facts.stage && labels.stages[facts.stage]],
        [l.caseNumber, facts.caseNumber],
        [l.proposer, facts.proposer],
        [l.hearingPeriod, hearingPeriod(facts, publishAt, zone, lang)],
        [l.commentsTo, facts.commentAddress],
        [l.planDocuments, a(facts.documentsUrl)],
        [l.physicalCopy, facts.physicalCopyLocation],
        [l.decisionDate, t(facts.decisionDate)],
        [l.decidedBy, facts.decidedBy],
        [l.appealDeadline, t(facts.appealDeadline)],
      ];
    case 'meeting':
      return [
        [l.organ, facts.organ],
        [l.time, span(facts.start, facts.end, lang)],
        [l.place, facts.place],
        [l.stream, a(facts.streamUrl)],
        [l.agenda, facts.agenda.length > 0 ? agenda(facts.agenda, labels) : undefined],
        [l.documents, a(facts.documentsUrl)],
      ];
    case 'event':
      return [
        [l.time, span(facts.start, facts.end, lang)],
        [l.place, facts.place],
        [l.organiser, facts.organiser],
        [l.price, facts.price],
        [l.registration, a(facts.registrationUrl)],
        [l.accessibility, facts.accessibility],
        [l.interpreter, facts.interpreter],
        [l.contact, facts.contact && contactLine(facts.contact)],
      ];
    case 'announcement':
      return [
        [l.validUntil, t(facts.validUntil)],
        [l.moreInfo, a(facts.moreInfoUrl)],
        [l.contact, facts.contact && contactLine(facts.contact)],
      ];
  }
}

/** The type's essential fields, labelled in the notice's language, in reading order; absent ones left out. */
export function factList(facts: NoticeFacts, labels: Labels, lang: Language, publishAt: Date, zone: string): Fact[] {
  return entries(facts, labels, lang, publishAt, zone).flatMap(([label, value]) =>
    value === undefined ? [] : [{ label, value: typeof value === 'string' ? html`${value}` : value }],
  );
}
