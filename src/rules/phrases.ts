import type { Match } from './matches.ts';
import type { PublishedText } from './text.ts';
import { isWordChar } from './word-chars.ts';

/**
 * Phrase lists for rule files, readable by the people who maintain them. A phrase matches whole
 * words, ignoring case; any whitespace matches any run of whitespace (line breaks and no-break
 * spaces too). Within a phrase:
 * - `word*` matches the word with any ending (`søkerlist*`: søkerlisten, søkerlista);
 * - `a|b|c` matches any one of the words (`oppgi|opplys`);
 * - `...` (or `…`) stands for up to 80 characters within the same sentence and line (no `.`, `!`, `?` or line break).
 * A phrase starts with a word (the meta-schema checks), which is what makes matching fast.
 */

const WORD_CLASS = '[\\p{L}\\p{N}]';
// Ends the word before it, then text within the sentence and line, then starts the next word. A plain
// character class: an alternation inside the bounded quantifier makes nested gaps very slow.
const GAP = `(?!${WORD_CLASS})[^.!?\\n]{0,80}?(?<!${WORD_CLASS})`;

export interface PhraseMatcher {
  /**
   * Finds, in the lower-cased text, the words that can begin a phrase: literal text only, no case
   * folding, no Unicode classes and no lookbehind, so the regular-expression engine scans at full speed.
   */
  opener: RegExp;
  /** The phrases beginning with each word, as one sticky, case-insensitive expression per word. */
  byFirstWord: ReadonlyMap<string, RegExp>;
  /** The phrases whose first word is given by its beginning (`word*`). */
  byPrefix: readonly { prefix: string; expression: RegExp }[];
}

function escapeRegExp(text: string): string {
  // Only syntax characters: with the `u` flag, escaping anything else (such as `-`) is an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function wordSource(word: string): string {
  return word.endsWith('*') ? `${escapeRegExp(word.slice(0, -1))}${WORD_CLASS}*` : escapeRegExp(word);
}

function tokenSource(token: string): string {
  const words = token.split('|').filter((word) => word !== '');
  return words.length === 1 ? wordSource(words[0] ?? '') : `(?:${words.map(wordSource).join('|')})`;
}

function phraseSource(phrase: string): string {
  let source = '';
  let afterGap = true;
  for (const token of phrase.trim().split(/\s+/)) {
    if (token === '...' || token === '…') {
      source += GAP;
      afterGap = true;
      continue;
    }
    source += `${afterGap ? '' : '\\s+'}${tokenSource(token)}`;
    afterGap = false;
  }
  return `${source}(?!${WORD_CLASS})`;
}

function stickyExpression(phrases: readonly string[]): RegExp {
  return new RegExp(phrases.map((phrase) => `(?:${phraseSource(phrase)})`).join('|'), 'iuy');
}

/**
 * Longest first, so that a word is not cut short by an opener that is its beginning. Words starting
 * with an ASCII letter get a `\b` in front, which lets the engine skip most positions; `\b` knows
 * only ASCII letters, so the others go without (and word starts are checked again in `scan`).
 */
function openerExpression(words: readonly string[]): RegExp {
  const sorted = [...words].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const ascii = sorted.filter((word) => /^[a-z0-9]/.test(word));
  const other = sorted.filter((word) => !/^[a-z0-9]/.test(word));
  const alternatives = [...(ascii.length > 0 ? [`\\b(?:${ascii.join('|')})`] : []), ...other];
  return new RegExp(alternatives.join('|'), 'g');
}

export function compilePhrases(phrases: readonly string[]): PhraseMatcher {
  const byWord = new Map<string, string[]>();
  const byBeginning = new Map<string, string[]>();
  for (const phrase of phrases) {
    for (const word of (phrase.trim().split(/\s+/)[0] ?? '').split('|')) {
      const [groups, key] = word.endsWith('*') ? [byBeginning, word.slice(0, -1)] : [byWord, word];
      const lower = key.toLowerCase();
      groups.set(lower, [...(groups.get(lower) ?? []), phrase]);
    }
  }
  return {
    opener: openerExpression([...byWord.keys(), ...byBeginning.keys()]),
    byFirstWord: new Map([...byWord].map(([word, group]) => [word, stickyExpression(group)])),
    byPrefix: [...byBeginning].map(([prefix, group]) => ({ prefix, expression: stickyExpression(group) })),
  };
}

/** The phrase expressions that may match where this word starts. */
function expressionsFor(matcher: PhraseMatcher, word: string): RegExp[] {
  const exact = matcher.byFirstWord.get(word);
  const expressions = exact ? [exact] : [];
  for (const { prefix, expression } of matcher.byPrefix) if (word.startsWith(prefix)) expressions.push(expression);
  return expressions;
}

/**
 * Calls `found` for each phrase, left to right, not overlapping, until it returns false.
 * The expressions are shared: `lastIndex` is set before each use and reset after.
 */
function scan(matcher: PhraseMatcher, published: PublishedText, found: (match: Match) => boolean): void {
  const { opener } = matcher;
  const { text } = published;
  const lower = published.lower();
  opener.lastIndex = 0;
  for (let open = opener.exec(lower); open !== null; open = opener.exec(lower)) {
    const start = open.index;
    opener.lastIndex = start + 1;
    if (isWordChar(lower, start - 1)) continue;
    let end = start + open[0].length;
    while (isWordChar(lower, end)) end++;
    let match: RegExpExecArray | null = null;
    for (const expression of expressionsFor(matcher, lower.slice(start, end))) {
      expression.lastIndex = start;
      match = expression.exec(text);
      expression.lastIndex = 0;
      if (match) break;
    }
    if (!match) continue;
    if (!found({ index: start, text: match[0] })) break;
    opener.lastIndex = start + match[0].length;
  }
  opener.lastIndex = 0;
}

export function findPhrases(matcher: PhraseMatcher, published: PublishedText): Match[] {
  const matches: Match[] = [];
  scan(matcher, published, (match) => matches.push(match) > 0);
  return matches;
}

export function containsPhrase(matcher: PhraseMatcher, published: PublishedText): boolean {
  let found = false;
  scan(matcher, published, () => {
    found = true;
    return false;
  });
  return found;
}
