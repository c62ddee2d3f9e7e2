import type { Tenant } from '../../config/tenant-types.ts';
import type { Language } from '../../notices/types.ts';
import { scriptJson } from './escape.ts';
import { html, SafeHtml } from './html.ts';

export interface DocumentParts {
  lang: Language;
  title: string;
  tenant: Tenant;
  /** Relative path from this page to the tenant's folder: '' for the index, '../' for a notice. */
  root: string;
  /** Text of the header link to the index. */
  homeLabel: string;
  feedTitle: string;
  canonical?: string;
  structuredData?: Record<string, unknown> | null;
  main: SafeHtml;
}

/**
 * The document shell every page shares: language, title, viewport, the feed link, one `<main>`
 * landmark, and the JSON-LD block (escaped so user text cannot close the script).
 */
export function htmlDocument(p: DocumentParts): string {
  // scriptJson has escaped `<`, so the JSON may go into the script as it is.
  const data = p.structuredData ? html`<script type="application/ld+json">${new SafeHtml(scriptJson(p.structuredData))}</script>\n` : '';
  return html`<!DOCTYPE html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} – ${p.tenant.name}</title>
${p.canonical !== undefined && html`<link rel="canonical" href="${p.canonical}">\n`}<link rel="alternate" type="application/atom+xml" href="${p.root}feed.atom" title="${p.feedTitle}">
${data}</head>
<body>
<header>
<p>${p.tenant.name}</p>
<nav><a href="${p.root}index.html">${p.homeLabel}</a></nav>
</header>
<main>
${p.main}</main>
</body>
</html>
`.value;
}
