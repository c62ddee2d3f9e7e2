/** Whether the character at `index` is a letter or digit: Latin script from a table, as this runs per character. */

const WORD_CHAR = /[\p{L}\p{N}]/u;
const LATIN_END = 0x250;
const LATIN_WORD_CODES = Uint8Array.from({ length: LATIN_END }, (_, code) => (WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0));

export function isWordChar(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  return code < LATIN_END ? LATIN_WORD_CODES[code] === 1 : WORD_CHAR.test(text.charAt(index));
}
