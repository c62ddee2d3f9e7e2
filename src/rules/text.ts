import type { NoticeInput } from '../notices/types.ts';
import { appendPointer } from './pointer.ts';

/** A piece of text that will be published, and where it sits in the notice. */
export interface TextSegment {
  path: string;
  text: string;
}

function collectStrings(value: unknown, path: string, into: TextSegment[]): void {
  if (typeof value === 'string') {
    into.push({ path, text: value });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collectStrings(item, appendPointer(path, i), into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) collectStrings(inner, appendPointer(path, key), into);
  }
}

// Several checks read the same notice in one evaluation: walk it once.
const segmentsByNotice = new WeakMap<NoticeInput, readonly TextSegment[]>();

/** Every published text of a notice: title, body, translations, field values and alt texts. */
export function publishedText(notice: NoticeInput): readonly TextSegment[] {
  let segments = segmentsByNotice.get(notice);
  if (!segments) {
    const collected: TextSegment[] = [
      { path: '/title', text: notice.title },
      { path: '/body', text: notice.body },
    ];
    notice.translations?.forEach((translation, i) => {
      collected.push({ path: `/translations/${i}/title`, text: translation.title });
      collected.push({ path: `/translations/${i}/body`, text: translation.body });
    });
    collectStrings(notice.fields, '/fields', collected);
    notice.attachments?.forEach((attachment, i) => {
      if (typeof attachment.altText === 'string') collected.push({ path: `/attachments/${i}/altText`, text: attachment.altText });
    });
    segments = collected;
    segmentsByNotice.set(notice, segments);
  }
  return segments;
}
