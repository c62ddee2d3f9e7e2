import { escapeHtml } from './escape.ts';

/** Markup known to be safe: built only by `html` and the renderers, never from user text directly. */
export class SafeHtml {
  constructor(readonly value: string) {}
}

export type HtmlValue = string | number | SafeHtml | readonly HtmlValue[] | null | undefined | false;

function serialise(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(serialise).join('');
}

/**
 * Tagged template that escapes every interpolated string (text and attribute values alike): user
 * text cannot become markup unless a renderer wraps it in SafeHtml on purpose.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += serialise(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Blank-line-separated text as paragraphs; a single newline inside one is a line break. */
export function paragraphs(text: string): SafeHtml {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
  return html`${blocks.map((block) => html`<p>${block.split('\n').map((line, i) => html`${i > 0 && new SafeHtml('<br>\n')}${line}`)}</p>\n`)}`;
}
