import { compilePhrases, findPhrases } from '../phrases.ts';
import { publishedText } from '../text.ts';
import type { CheckFailure } from '../types.ts';
import { memoizeByParams, type CheckKindDefinition } from './kind.ts';

export interface WordingParams {
  /** Phrases that must not appear (see phrases.ts). */
  phrases: string[];
}

const prepare = memoizeByParams((params) => compilePhrases((params as unknown as WordingParams).phrases));

/** Wording the notice should not use: one failure per phrase found, once per place it is found. */
export const wording: CheckKindDefinition = {
  prepare,
  values: ['match'],
  run(params, ctx) {
    const published = publishedText(ctx.notice);
    const failures: CheckFailure[] = [];
    const seen = new Set<string>();
    for (const match of findPhrases(prepare(params), published)) {
      const path = published.pathAt(match.index);
      const key = `${path} ${match.text.toLowerCase().replace(/\s+/g, ' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      failures.push({ path, values: { match: match.text } });
    }
    return failures;
  },
};
