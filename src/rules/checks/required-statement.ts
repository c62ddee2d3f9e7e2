import { compilePhrases, containsPhrase } from '../phrases.ts';
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
    return containsPhrase(prepare(params), publishedText(ctx.notice)) ? [] : [{ path: '/body' }];
  },
};
