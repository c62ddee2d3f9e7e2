import { findNationalIdNumbers, maskNationalIdNumber } from '../national-id.ts';
import { publishedText } from '../text.ts';
import type { CheckFailure } from '../types.ts';
import { memoizeByParams, type CheckKindDefinition } from './kind.ts';

/** Built-in detectors for what a regular expression cannot judge alone. */
export const DETECTORS = ['national-id'] as const;

/** Exactly one of `patterns` and `detector` (the meta-schema sees to it). */
export interface ForbiddenPatternParams {
  /** Regular expressions, matched ignoring case, with Unicode classes (`\p{L}`). */
  patterns?: string[];
  detector?: (typeof DETECTORS)[number];
}

/** The matches in a text, as a finding may show them. */
type Matcher = (text: string) => string[];

const prepare = memoizeByParams((raw): Matcher => {
  const params = raw as unknown as ForbiddenPatternParams;
  if (params.detector === 'national-id') {
    return (text) => findNationalIdNumbers(text).map(maskNationalIdNumber);
  }
  const expressions = (params.patterns ?? []).map((pattern) => new RegExp(pattern, 'giu'));
  return (text) => expressions.flatMap((expression) => Array.from(text.matchAll(expression), (match) => match[0]));
});

/** Text that must never be published: one failure per match, where it was found. */
export const forbiddenPattern: CheckKindDefinition = {
  prepare,
  values: ['match'],
  run(params, ctx) {
    const find = prepare(params);
    const failures: CheckFailure[] = [];
    for (const segment of publishedText(ctx.notice)) {
      for (const match of find(segment.text)) failures.push({ path: segment.path, values: { match } });
    }
    return failures;
  },
};
