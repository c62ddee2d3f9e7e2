import { compilePhrases } from '../phrases.ts';
import { publishedText } from '../text.ts';
import type { CheckFailure } from '../types.ts';
import { memoizeByParams, type CheckKindDefinition } from './kind.ts';

export interface WordingParams {
  /** Phrases that must not appear (see phrases.ts). */
  phrases: string[];
}

const prepare = memoizeByParams((params) => compilePhrases((params as unknown as WordingParams).phrases));

/** Wording the notice should not use: one failure per phrase found, where it was found. */
export const wording: CheckKindDefinition = {
  prepare,
  values: ['match'],
  run(params, ctx) {
    const phrases = prepare(params);
    const failures: CheckFailure[] = [];
    for (const segment of publishedText(ctx.notice)) {
      const seen = new Set<string>();
      for (const match of segment.text.matchAll(phrases)) {
        const words = match[0].toLowerCase().replace(/\s+/g, ' ');
        if (seen.has(words)) continue;
        seen.add(words);
        failures.push({ path: segment.path, values: { match: match[0] } });
      }
    }
    return failures;
  },
};
