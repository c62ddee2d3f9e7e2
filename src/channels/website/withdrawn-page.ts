import { DateTime } from 'luxon';
import type { Tenant } from '../../config/tenant-types.ts';
import type { Language } from '../../notices/types.ts';
import type { NoticeSnapshot } from '../types.ts';
import { formatWhen, machineWhen, type When } from './dates.ts';
import { readFacts } from './facts.ts';
import { html } from './html.ts';
import { jsonLd } from './json-ld.ts';
import { labelsFor } from './labels/index.ts';
import { htmlDocument } from './layout.ts';
import type { PageUrls } from './page.ts';
import { cachedZone } from '../../time/cached-zone.ts';

function notice(lang: Language, title: string, withdrawn: When, headingLevel: 'h1' | 'h2') {
  const labels = labelsFor(lang);
  const heading = headingLevel === 'h1' ? html`<h1>${labels.withdrawn.heading}</h1>` : html`<h2>${labels.withdrawn.heading}</h2>`;
  return html`${heading}
<p><q>${title}</q></p>
<p>${labels.withdrawn.on} <time datetime="${machineWhen(withdrawn)}">${formatWhen(withdrawn, lang)}</time>.</p>
`;
}

/**
 * What stays at a withdrawn notice's address: that it was withdrawn, which notice, and when, in
 * the notice's language and each of its translations. An event or meeting keeps its JSON-LD
 * marked EventCancelled, so calendars and search engines learn it is off.
 */
export function renderWithdrawnPage(snapshot: NoticeSnapshot, tenant: Tenant, urls: PageUrls, withdrawnAt: Date): string {
  const { content } = snapshot;
  const labels = labelsFor(content.language);
  const withdrawn: When = { at: DateTime.fromJSDate(withdrawnAt, { zone: cachedZone(tenant.timeZone) }), dateOnly: false };
  const main = html`${notice(content.language, content.title, withdrawn, 'h1')}${(content.translations ?? []).map(
    (t) => html`<section lang="${t.language}">
${notice(t.language, t.title, withdrawn, 'h2')}</section>
`,
  )}`;
  return htmlDocument({
    lang: content.language,
    title: `${labels.withdrawn.heading}: ${content.title}`,
    tenant,
    root: '../',
    homeLabel: labels.allNotices,
    feedTitle: `${tenant.name}: ${labels.notices}`,
    canonical: urls.page,
    structuredData: jsonLd(snapshot, tenant, readFacts(content, tenant.timeZone), urls, true),
    main,
  });
}
