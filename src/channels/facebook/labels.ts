import type { Language } from '../../notices/types.ts';

/** The few words a Facebook post adds beyond the website's labels (website/labels/), per language. */
export interface PostLabels {
  /** Before the link to the notice's page on the website. */
  readMore: string;
  /** Where the body was shortened to fit Facebook's limit. */
  shortened: string;
}

const LABELS: Record<Language, PostLabels> = {
  nb: { readMore: 'Les hele kunngjøringen', shortened: 'Teksten er forkortet.' },
  nn: { readMore: 'Les heile kunngjeringa', shortened: 'Teksten er forkorta.' },
  // Northern Sami: a draft for the municipality's Sami language service to review (as website/labels/se.ts).
  se: { readMore: 'Loga olles almmuhusa', shortened: 'Teaksta lea oanehuvvon.' },
  en: { readMore: 'Read the full notice', shortened: 'The text has been shortened.' },
};

export function postLabelsFor(language: Language): PostLabels {
  return LABELS[language];
}
