import { DateTime } from 'luxon';
import type { Language } from '../../notices/types.ts';
import { formatSpan, formatWhen, type When } from '../website/dates.ts';
import type { NoticeFacts, PlanFacts, VacancyFacts } from '../website/facts.ts';
import type { Labels } from '../website/labels/index.ts';

/** One "label: value" line of a post. */
export interface Essential {
  label: string;
  value: string;
}

function span(start: When | undefined, end: When | undefined, lang: Language): string | undefined {
  if (start === undefined) return undefined;
  return end === undefined ? formatWhen(start, lang) : formatSpan(start, end, lang);
}

function extent(f: VacancyFacts, lang: Language, labels: Labels): string | undefined {
  const percent = f.positionPercent === undefined ? undefined : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(f.positionPercent / 100);
  const kind = f.employment === undefined ? undefined : labels.employment[f.employment];
  const words = [percent, kind].filter((w): w is string => w !== undefined);
  return words.length > 0 ? words.join(' ') : undefined;
}

/** A hearing runs from the day the notice goes public to its deadline, both inclusive. */
function hearing(f: PlanFacts, publishAt: Date, zone: string, lang: Language): string | undefined {
  if (f.stage === 'vedtak' || f.commentDeadline === undefined) return undefined;
  return formatSpan({ at: DateTime.fromJSDate(publishAt, { zone }).startOf('day'), dateOnly: true }, f.commentDeadline, lang);
}

type Entry = [label: string, value: string | undefined];

/**
 * The few facts a reader of the feed needs, per type (fewer than the website's list: the post links
 * to the page for the rest). Dates and times in the notice's language, in the tenant's zone.
 */
function entries(facts: NoticeFacts, labels: Labels, lang: Language, publishAt: Date, zone: string): Entry[] {
  const l = labels.fields;
  const when = (w: When | undefined): string | undefined => w && formatWhen(w, lang);
  switch (facts.type) {
    case 'vacancy':
      return [
        [l.workplace, facts.workplace],
        [l.extent, extent(facts, lang, labels)],
        [l.applicationDeadline, when(facts.applicationDeadline)],
        [l.apply, facts.applicationUrl],
      ];
    case 'plan':
      return [
        [l.plan, facts.planName],
        [l.stage, facts.stage && labels.stages[facts.stage]],
        [l.hearingPeriod, hearing(facts, publishAt, zone, lang)],
        [l.commentsTo, facts.commentAddress],
        [l.decisionDate, when(facts.decisionDate)],
        [l.appealDeadline, when(facts.appealDeadline)],
      ];
    case 'meeting':
      return [
        [l.organ, facts.organ],
        [l.time, span(facts.start, facts.end, lang)],
        [l.place, facts.place],
        [l.stream, facts.streamUrl],
      ];
    case 'event':
      return [
        [l.time, span(facts.start, facts.end, lang)],
        [l.place, facts.place],
        [l.price, facts.price],
        [l.registration, facts.registrationUrl],
      ];
    case 'announcement':
      return [
        [l.validUntil, when(facts.validUntil)],
        [l.moreInfo, facts.moreInfoUrl],
      ];
  }
}

export function essentials(facts: NoticeFacts, labels: Labels, lang: Language, publishAt: Date, zone: string): Essential[] {
  return entries(facts, labels, lang, publishAt, zone).flatMap(([label, value]) => (value === undefined ? [] : [{ label, value }]));
}
