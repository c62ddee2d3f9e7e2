import { compilePhrases } from '../phrases.ts';
import { publishedText } from '../text.ts';
import { memoizeByParams, type CheckKindDefinition } from './kind.ts';

export interface RequiredStatementParams {
  /** Any one of these phrases (see phrases.ts) satisfies the rule. */
  phrases: string[];
}

const prepare = memoizeByParams((params) => compilePhrases((params as unknown as RequiredStatementParams).phrases));

/** A statement the law requires somewhere in the notice's text (offentleglova § 25: the applicant list). */
export const requiredStatement: CheckKindDefinition = {
  prepare,
  values: [],
  run(params, ctx) {
    const phrases = prepare(params);
    // `search` ignores the global flag's lastIndex, so the shared expression is safe to reuse.
    const found = publishedText(ctx.notice).some((segment) => segment.text.search(phrases) >= 0);
    return found ? [] : [{ path: '/body' }];
  },
};
