import type { Attachment } from '../../notices/types.ts';
import { safeHref } from './escape.ts';
import { html, type SafeHtml } from './html.ts';

const IMAGE = /\.(avif|gif|jpe?g|png|svg|webp)$/i;

function isImage(href: string): boolean {
  return IMAGE.test(new URL(href).pathname);
}

/**
 * Images are shown with their alt text (WCAG 1.1.1); other files are links named by it. A URL that is
 * not http(s) is shown as text, never as a link or an image source.
 */
export function renderAttachments(list: readonly Attachment[]): SafeHtml {
  return html`${list.map((a) => {
    const href = safeHref(a.url);
    if (href === null) return html`<p>${a.altText} (${a.url})</p>\n`;
    if (isImage(href)) return html`<figure><img src="${href}" alt="${a.altText}"></figure>\n`;
    return html`<p><a href="${href}">${a.altText.trim() === '' ? a.url : a.altText}</a></p>\n`;
  })}`;
}
