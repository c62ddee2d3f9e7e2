import type { Finding } from '../rules/types.ts';

// C0 controls other than tab, LF and CR, and DEL: invisible, and PostgreSQL cannot store U+0000 in text.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// A UTF-16 surrogate without its pair cannot be stored as UTF-8 exactly as written.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function finding(rule: string, path: string, nb: string, en: string, lang: 'nb' | 'en'): Finding {
  return { rule, severity: 'error', path, message: lang === 'en' ? en : nb, messages: { nb, en } };
}

/**
 * Walks every string in the submitted notice (keys included) and reports text that cannot be stored or
 * shown exactly as written. Everything else, markup included, is data: it is escaped when rendered.
 */
export function findTextProblems(value: unknown, lang: 'nb' | 'en', path = ''): Finding[] {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) {
      return [finding('text.control_characters', path, 'Teksten inneholder kontrolltegn som ikke kan publiseres.', 'The text contains control characters that cannot be published.', lang)];
    }
    if (LONE_SURROGATE.test(value)) {
      return [finding('text.invalid_unicode', path, 'Teksten inneholder ugyldig Unicode.', 'The text contains invalid Unicode.', lang)];
    }
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => findTextProblems(item, lang, `${path}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => {
      const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return [...findTextProblems(key, lang, at), ...findTextProblems(inner, lang, at)];
    });
  }
  return [];
}
