import { DateTime } from 'luxon';
import type { Tenant } from '../../config/tenant-types.ts';
import type { NoticeSnapshot } from '../types.ts';
import { renderAttachments } from './attachments.ts';
import { formatWhen, machineWhen, type When } from './dates.ts';
import { factList } from './fact-list.ts';
import { readFacts } from './facts.ts';
import { html, paragraphs } from './html.ts';
import { jsonLd } from './json-ld.ts';
import { labelsFor } from './labels/index.ts';
import { htmlDocument } from './layout.ts';
import { cachedZone } from '../../time/cached-zone.ts';

export interface PageUrls {
  /** The page's own public URL. */
  page: string;
  /** The tenant's public folder, ending in `/`. */
  base: string;
}

/**
 * A notice's page, in its language: the type, the title as the one h1, when it was published, the
 * body as paragraphs, the essential fields as a definition list, attachments, then each translation
 * as a section carrying its own `lang`. Pure: the same notice and URLs give the same bytes.
 */
export function renderNoticePage(notice: NoticeSnapshot, tenant: Tenant, urls: PageUrls): string {
  const { content } = notice;
  const lang = content.language;
  const labels = labelsFor(lang);
  const zone = tenant.timeZone;
  const facts = readFacts(content, zone);
  const list = factList(facts, labels, lang, notice.publishAt, zone);
  const published: When = { at: DateTime.fromJSDate(notice.publishAt, { zone: cachedZone(zone) }), dateOnly: false };
  const main = html`<article>
<p>${labels.typeNames[content.type]}</p>
<h1>${content.title}</h1>
<p>${labels.published} <time datetime="${machineWhen(published)}">${formatWhen(published, lang)}</time></p>
${paragraphs(content.body)}${list.length > 0 && html`<h2>${labels.keyFacts}</h2>
<dl>
${list.map((f) => html`<dt>${f.label}</dt>\n<dd>${f.value}</dd>\n`)}</dl>
`}${(content.attachments ?? []).length > 0 && html`<h2>${labels.attachments}</h2>\n${renderAttachments(content.attachments ?? [])}`}</article>
${(content.translations ?? []).map(
    (t) => html`<section lang="${t.language}">
<h2>${t.title}</h2>
${paragraphs(t.body)}</section>
`,
  )}`;
  return htmlDocument({
    lang,
    title: content.title,
    tenant,
    root: '../',
    homeLabel: labels.allNotices,
    feedTitle: `${tenant.name}: ${labels.notices}`,
    canonical: urls.page,
    structuredData: jsonLd(notice, tenant, facts, urls),
    main,
  });
}
