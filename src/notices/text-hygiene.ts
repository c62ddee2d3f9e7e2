import type { Finding } from '../rules/types.ts';

// C0 controls other than tab, LF and CR, and DEL: invisible, and PostgreSQL cannot store U+0000 in text.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function finding(rule: string, path: string, nb: string, en: string, lang: 'nb' | 'en'): Finding {
  return { rule, severity: 'error', path, message: lang === 'en' ? en : nb, messages: { nb, en } };
}

function problemOf(text: string, path: () => string, lang: 'nb' | 'en'): Finding | null {
  if (CONTROL.test(text)) {
    return finding('text.control_characters', path(), 'Teksten inneholder kontrolltegn som ikke kan publiseres.', 'The text contains control characters that cannot be published.', lang);
  }
  // A UTF-16 surrogate without its pair cannot be stored as UTF-8 exactly as written.
  if (!text.isWellFormed()) {
    return finding('text.invalid_unicode', path(), 'Teksten inneholder ugyldig Unicode.', 'The text contains invalid Unicode.', lang);
  }
  return null;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Walks every string in the submitted notice (keys included) and reports text that cannot be stored or
 * shown exactly as written. Everything else, markup included, is data: it is escaped when rendered.
 * On the intake hot path: the JSON pointer of a string is only built when it has a problem.
 */
export function findTextProblems(value: unknown, lang: 'nb' | 'en'): Finding[] {
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
