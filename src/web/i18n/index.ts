import { en } from './en.ts';
import { nb, type MessageKey } from './nb.ts';
import { nn } from './nn.ts';

export type { MessageKey } from './nb.ts';

export const LANGS = ['nb', 'nn', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const CATALOGS: Record<Lang, Record<MessageKey, string>> = { nb, nn, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The message in `lang` with each `{param}` replaced (plain text: `html` escapes it when rendered). */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const message = CATALOGS[lang][key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const DATE_LOCALES: Record<Lang, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/** The locale dates are written in: nynorsk has its own day and month names ("laurdag", not "lørdag"). */
export function dateLocale(lang: Lang): string {
  return DATE_LOCALES[lang];
}
