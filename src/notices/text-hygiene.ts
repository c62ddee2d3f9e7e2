import type { Finding } from '../rules/types.ts';
import { ownFinding } from './own-finding.ts';

// C0 controls other than tab, LF and CR, and DEL: invisible, and PostgreSQL cannot store U+0000 in text.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Invisible characters that make text read otherwise than it is: a zero-width space inside a
// fødselsnummer hides it from the rule that forbids one, a right-to-left override reverses a title on
// screen. Soft hyphen, zero-width (non-)joiners and marks, bidi embeddings, overrides and isolates,
// word joiner and invisible operators, BOM; a zero-width joiner only inside an emoji sequence (👩‍💻).
const INVISIBLE = /[\u00AD\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/u;

function problemOf(text: string, path: () => string, lang: 'nb' | 'nn' | 'en'): Finding | null {
  if (CONTROL.test(text)) {
    return ownFinding(
      'text.control_characters',
      path(),
      {
        nb: 'Teksten inneholder kontrolltegn som ikke kan publiseres.',
        nn: 'Teksten inneheld kontrollteikn som ikkje kan publiserast.',
        en: 'The text contains control characters that cannot be published.',
      },
      lang,
    );
  }
  if (INVISIBLE.test(text)) {
    return ownFinding(
      'text.invisible_characters',
      path(),
      {
        nb: 'Teksten inneholder usynlige tegn (null-bredde-mellomrom, retningsoverstyring, myk bindestrek e.l.) som gjør at den leses annerledes enn den er skrevet: fjern dem.',
        nn: 'Teksten inneheld usynlege teikn (null-breidd-mellomrom, retningsoverstyring, mjuk bindestrek o.l.) som gjer at han blir lesen annleis enn han er skriven: fjern dei.',
        en: 'The text contains invisible characters (zero-width spaces, direction overrides, soft hyphens and the like) that make it read otherwise than it is written: remove them.',
      },
      lang,
    );
  }
  // A UTF-16 surrogate without its pair cannot be stored as UTF-8 exactly as written.
  if (!text.isWellFormed()) {
    return ownFinding('text.invalid_unicode', path(), { nb: 'Teksten inneholder ugyldig Unicode.', nn: 'Teksten inneheld ugyldig Unicode.', en: 'The text contains invalid Unicode.' }, lang);
  }
  return null;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Walks every string in the submitted notice (keys included) and reports text that cannot be stored or
 * shown exactly as written. Everything else, markup included, is data: it is escaped when rendered.
 * On the intake hot path: the JSON pointer of a string is only built when it has a problem.
 */
export function findTextProblems(value: unknown, lang: 'nb' | 'nn' | 'en'): Finding[] {
  const found: Finding[] = [];
  const segments: string[] = [];
  const path = () => segments.map((s) => `/${escape(s)}`).join('');
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      const problem = problemOf(node, path, lang);
      if (problem) found.push(problem);
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        segments.push(String(i));
        walk(node[i]);
        segments.pop();
      }
    } else if (node !== null && typeof node === 'object') {
      for (const [key, inner] of Object.entries(node)) {
        segments.push(key);
        const problem = problemOf(key, path, lang);
        if (problem) found.push(problem);
        walk(inner);
        segments.pop();
      }
    }
  };
  walk(value);
  return found;
}
