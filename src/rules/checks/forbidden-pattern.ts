import { allMatches, type Match } from '../matches.ts';
import { findNationalIdNumbers, maskNationalIdNumber } from '../national-id.ts';
import { publishedText } from '../text.ts';
import { memoizeByParams, type CheckKindDefinition } from './kind.ts';

/** Built-in detectors for what a regular expression cannot judge alone. */
export const DETECTORS = ['national-id'] as const;

/** Exactly one of `patterns` and `detector` (the meta-schema sees to it). */
export interface ForbiddenPatternParams {
  /**
   * Regular expressions, matched ignoring case, with Unicode classes (`\p{L}`). A match must start
   * and end on word boundaries; the engine checks that, so a pattern need not (and for speed should
   * not) begin with a lookbehind.
   */
  patterns?: string[];
  detector?: (typeof DETECTORS)[number];
}

/** The matches in a text, as a finding may show them. */
type Matcher = (text: string) => Match[];

const prepare = memoizeByParams((raw): Matcher => {
  const params = raw as unknown as ForbiddenPatternParams;
  if (params.detector === 'national-id') {
    return (text) => findNationalIdNumbers(text).map((found) => ({ index: found.index, text: maskNationalIdNumber(found.text) }));
  }
  const patterns = params.patterns ?? [];
  // One scan instead of one per pattern, unless a pattern numbers or names its groups (joining would renumber them).
  const joinable = patterns.every((pattern) => !/\\[1-9k]|\(\?<[^=!]/.test(pattern));
  const sources = joinable ? [patterns.map((pattern) => `(?:${pattern})`).join('|')] : patterns;
  const expressions = sources.map((source) => new RegExp(source, 'giu'));
  return (text) => expressions.flatMap((expression) => allMatches(expression, text, true));
});

/** Text that must never be published: one failure per match, where it was found. */
export const forbiddenPattern: CheckKindDefinition = {
  prepare,
  values: ['match'],
  run(params, ctx) {
    const published = publishedText(ctx.notice);
    return prepare(params)(published.text).map((match) => ({ path: published.pathAt(match.index), values: { match: match.text } }));
  },
};
