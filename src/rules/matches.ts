import { isWordChar } from './word-chars.ts';

/** A match of an expression: where it starts, and the text as written. */
export interface Match {
  index: number;
  text: string;
}

/** Whether the match neither starts nor ends inside a word. */
function onWordBoundaries(text: string, index: number, length: number): boolean {
  const end = index + length;
  if (isWordChar(text, index) && isWordChar(text, index - 1)) return false;
  return !(isWordChar(text, end - 1) && isWordChar(text, end));
}

/**
 * Every match of a global expression in a text. Unlike `matchAll`, this reuses the expression
 * instead of cloning it per call, which on the hot path costs more than the matching itself; it is
 * safe because checks run synchronously and `lastIndex` is reset before and after.
 *
 * With `wholeWords`, a match inside a word is skipped (and the search resumes just after its start).
 * Checking this here rather than with a leading lookbehind in the expression keeps the engine's fast
 * scan for the expression's first characters: a lookbehind at the start makes every position slow.
 */
export function allMatches(expression: RegExp, text: string, wholeWords = false): Match[] {
  const found: Match[] = [];
  expression.lastIndex = 0;
  for (let match = expression.exec(text); match !== null; match = expression.exec(text)) {
    const [matched] = match;
    if (wholeWords && !onWordBoundaries(text, match.index, matched.length)) {
      expression.lastIndex = match.index + 1;
      continue;
    }
    found.push({ index: match.index, text: matched });
    if (matched === '') expression.lastIndex++;
  }
  expression.lastIndex = 0;
  return found;
}
