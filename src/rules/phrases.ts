/**
 * Phrase lists for rule files, readable by the people who maintain them. A phrase matches whole
 * words, ignoring case; any whitespace matches any run of whitespace (line breaks and no-break
 * spaces too). Within a phrase:
 * - `word*` matches the word with any ending (`søkerlist*`: søkerlisten, søkerlista);
 * - `a|b|c` matches any one of the words (`oppgi|opplys`);
 * - `...` (or `…`) stands for up to 80 characters within the same sentence.
 */

const WORD_CHAR = '[\\p{L}\\p{N}]';
const GAP = '(?:\\s+[^.!?\\n]{0,80}?)?\\s+';

function escapeRegExp(text: string): string {
  // Only syntax characters: with the `u` flag, escaping anything else (such as `-`) is an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function wordSource(word: string): string {
  return word.endsWith('*') ? `${escapeRegExp(word.slice(0, -1))}${WORD_CHAR}*` : escapeRegExp(word);
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
  return `(?<!${WORD_CHAR})${source}(?!${WORD_CHAR})`;
}

/** One global, case-insensitive expression matching any of the phrases. */
export function compilePhrases(phrases: readonly string[]): RegExp {
  return new RegExp(phrases.map((phrase) => `(?:${phraseSource(phrase)})`).join('|'), 'giu');
}
