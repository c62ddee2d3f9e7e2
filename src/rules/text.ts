import type { NoticeInput } from '../notices/types.ts';
import { appendPointer } from './pointer.ts';

/**
 * Everything a notice will publish (title, body, translations, field values, alt texts) as one
 * text, so that each expression scans it once. Pieces are joined by a blank line, which ends a
 * sentence for phrase gaps; `pathAt` says which piece a position came from.
 */
export interface PublishedText {
  text: string;
  pathAt(index: number): string;
  /** The text in lower case, position for position (same length): made once, when a check first asks. */
  lower(): string;
}

const SEPARATOR = '\n\n';

/** Lower case without moving anything: the few letters that lower-case longer (İ) keep their case. */
function lowerCaseInPlace(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (char) => {
    const small = char.toLowerCase();
    return small.length === char.length ? small : char;
  }).join('');
}

function collectStrings(value: unknown, path: string, into: { path: string; text: string }[]): void {
  if (typeof value === 'string') {
    into.push({ path, text: value });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collectStrings(item, appendPointer(path, i), into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) collectStrings(inner, appendPointer(path, key), into);
  }
}

function join(pieces: readonly { path: string; text: string }[]): PublishedText {
  const starts: number[] = [];
  let offset = 0;
  for (const piece of pieces) {
    starts.push(offset);
    offset += piece.text.length + SEPARATOR.length;
  }
  const text = pieces.map((piece) => piece.text).join(SEPARATOR);
  let lower: string | undefined;
  return {
    text,
    pathAt(index) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((starts[middle] ?? 0) <= index) low = middle;
        else high = middle - 1;
      }
      return pieces[low]?.path ?? '';
    },
    lower() {
      lower ??= lowerCaseInPlace(text);
      return lower;
    },
  };
}

// Several checks read the same notice one after another in an evaluation: collect it once. A single
// entry is enough for that, and unlike a WeakMap of every notice it puts no load on the garbage collector.
let last: { notice: NoticeInput; published: PublishedText } | undefined;

export function publishedText(notice: NoticeInput): PublishedText {
  if (last?.notice !== notice) {
    const pieces = [
      { path: '/title', text: notice.title },
      { path: '/body', text: notice.body },
    ];
    notice.translations?.forEach((translation, i) => {
      pieces.push({ path: `/translations/${i}/title`, text: translation.title }, { path: `/translations/${i}/body`, text: translation.body });
    });
    collectStrings(notice.fields, '/fields', pieces);
    collectStrings(notice.attachments?.map((attachment) => ({ altText: attachment.altText })), '/attachments', pieces);
    last = { notice, published: join(pieces) };
  }
  return last.published;
}
