import fc from 'fast-check';
import type { NoticeType } from '../../../src/notices/types.ts';
import type { EXAMPLE_NAMES } from '../../helpers/examples.ts';
import { hostileString } from './hostile-strings.ts';

/** A fixed seed by default, printed; HOSTILE_SEED and HOSTILE_RUNS override it (README, Tests). */
export const SEED = Number(process.env.HOSTILE_SEED ?? 20261202);
export const runs = (fallback: number): number => Number(process.env.HOSTILE_RUNS ?? fallback);

export type ExampleName = (typeof EXAMPLE_NAMES)[number];
/** One example of each type, and the plan stages whose outputs differ (a hearing period, none). */
export const BASES: readonly ExampleName[] = ['vacancy', 'plan-ettersyn', 'plan-vedtak', 'meeting', 'event', 'announcement'];

/** An example to plant hostile text in, and the hostile strings to plant. */
export const planting = fc.record({ base: fc.constantFrom(...BASES), hostile: fc.array(hostileString, { minLength: 1, maxLength: 4 }) });

/** The types that get a calendar event: meetings and events with a start, plans during their comment period. */
export function hasCalendarEvent(type: NoticeType, fields: Record<string, unknown>): boolean {
  if (type === 'meeting' || type === 'event') return typeof fields.start === 'string';
  return type === 'plan' && fields.stage !== 'vedtak' && typeof fields.commentDeadline === 'string';
}

/** Line ends as every renderer normalises them. */
export const lf = (text: string): string => text.replace(/\r\n?/g, '\n');

/** The non-blank lines of a text, trimmed: each must reach the reader as text. */
export const linesOf = (text: string): string[] =>
  lf(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
