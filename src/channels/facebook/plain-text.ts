/**
 * A post is plain text, so nothing needs escaping; but a few character sequences mean something to
 * Facebook or hide what the reader sees, and user text must not be able to use them:
 * - `@[<id>]` (and `@[<id>:<n>:<name>]`) tags a Page or person in a message: a word joiner after the
 *   `@` keeps the text as written on screen while Facebook no longer reads it as a tag;
 * - bidirectional overrides (U+202A–U+202E, U+2066–U+2069) can show a link as something else, so they
 *   are dropped.
 * Line ends are normalised (CRLF and CR become LF, trailing spaces go) because Facebook stores the
 * text that way, and the read-back compares messages exactly.
 */
const TAG = /@\[/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
const WORD_JOINER = '\u2060';

export function neutralise(text: string): string {
  return text.replace(BIDI, '').replace(TAG, `@${WORD_JOINER}[`);
}

export function normaliseLines(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Length in code points (an emoji counts once), as the rule file's `channelLength` check counts. */
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export function codePoints(text: string): number {
  return text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
}

/** The first `max` code points, cut after the last whole word when there is one in the last fifth. */
export function cutToWords(text: string, max: number): string {
  if (codePoints(text) <= max) return text;
  // Array.from walks code points, as the limit counts them (a cut never splits a surrogate pair).
  const cut = Array.from(text).slice(0, Math.max(0, max)).join('');
  const space = cut.search(/\s\S*$/);
  return (space > cut.length * 0.8 ? cut.slice(0, space) : cut).trimEnd();
}
