import type { Language } from '../../../notices/types.ts';
import { en } from './en.ts';
import { nb } from './nb.ts';
import { nn } from './nn.ts';
import { se } from './se.ts';
import type { Labels } from './types.ts';

const LABELS: Record<Language, Labels> = { nb, nn, se, en };

export function labelsFor(language: Language): Labels {
  return LABELS[language];
}

export type { Labels };
