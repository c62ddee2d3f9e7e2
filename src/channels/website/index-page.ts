import { DateTime } from 'luxon';
import type { Tenant } from '../../config/tenant-types.ts';
import type { CurrentNotice } from './current.ts';
import { formatWhen, machineWhen, type When } from './dates.ts';
import { EntryMemo, entryKey } from './entry-memo.ts';
import { html, type SafeHtml } from './html.ts';
import { mapInSlices } from './in-slices.ts';
import { labelsFor } from './labels/index.ts';
import { htmlDocument } from './layout.ts';
import { noticeFileName } from './paths.ts';
import { cachedZone } from '../../time/cached-zone.ts';

/** Each notice's list item, rendered once per notice version. */
const rendered = new EntryMemo<SafeHtml>();

function item(tenant: Tenant, { notice }: CurrentNotice): SafeHtml {
  const lang = tenant.language;
  const { content } = notice;
  const published: When = { at: DateTime.fromJSDate(notice.publishAt, { zone: cachedZone(tenant.timeZone) }), dateOnly: true };
  return html`<li>
<h2><a href="notices/${noticeFileName(notice.id)}"${content.language !== lang && html` lang="${content.language}"`}>${content.title}</a></h2>
<p>${labelsFor(lang).typeNames[content.type]}, <time datetime="${machineWhen(published)}">${formatWhen(published, lang)}</time></p>
</li>
`;
}

/**
 * The tenant's `index.html`, in the municipality's language: current notices newest first, each
 * title a link to its page (with its own `lang` where it differs), then the feeds.
 */
export async function renderIndexPage(tenant: Tenant, notices: readonly CurrentNotice[]): Promise<string> {
  const lang = tenant.language;
  const labels = labelsFor(lang);
  const items = await mapInSlices(notices, (n) => rendered.get(entryKey(tenant, n), () => item(tenant, n)));
  const main = html`<h1>${labels.notices}</h1>
${items.length > 0 ? html`<ul>\n${items}</ul>\n` : html`<p>${labels.noCurrentNotices}</p>\n`}<ul>
<li><a href="feed.atom" type="application/atom+xml">${labels.subscribe.atom}</a></li>
<li><a href="calendar.ics" type="text/calendar">${labels.subscribe.calendar}</a></li>
<li><a href="notices.json" type="application/json">${labels.subscribe.json}</a></li>
</ul>
`;
  return htmlDocument({
    lang,
    title: labels.notices,
    tenant,
    root: '',
    homeLabel: labels.allNotices,
    feedTitle: `${tenant.name}: ${labels.notices}`,
    main,
  });
}
