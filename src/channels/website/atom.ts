import type { Tenant } from '../../config/tenant-types.ts';
import type { CurrentNotice } from './current.ts';
import { escapeXml } from './escape.ts';
import { paragraphs } from './html.ts';
import { EntryMemo, entryKey } from './entry-memo.ts';
import { mapInSlices } from './in-slices.ts';
import { labelsFor } from './labels/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A permanent entry id: the notice's UUID as a URN, or a tag URI (RFC 4151) for any other id. */
function entryId(notice: CurrentNotice['notice'], baseUrl: string): string {
  if (UUID.test(notice.id)) return `urn:uuid:${notice.id.toLowerCase()}`;
  return `tag:${new URL(baseUrl).hostname},${notice.publishAt.toISOString().slice(0, 10)}:notice/${notice.id}`;
}

function firstParagraph(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim().split(/\n[ \t]*\n/)[0]?.replace(/\s+/g, ' ') ?? '';
}

const rendered = new EntryMemo<string>();

function renderEntry(tenant: Tenant, { notice, url, publishedAt }: CurrentNotice, baseUrl: string): string {
  const x = escapeXml;
  const { content } = notice;
  return `  <entry${content.language !== tenant.language ? ` xml:lang="${content.language}"` : ''}>
    <id>${x(entryId(notice, baseUrl))}</id>
    <title type="text">${x(content.title)}</title>
    <updated>${publishedAt.toISOString()}</updated>
    <published>${notice.publishAt.toISOString()}</published>
    <link rel="alternate" type="text/html" href="${x(url)}"/>
    <category term="${content.type}" label="${x(labelsFor(content.language).typeNames[content.type])}"/>
    <summary type="text">${x(firstParagraph(content.body))}</summary>
    <content type="html">${x(paragraphs(content.body).value)}</content>
  </entry>
`;
}

/**
 * `feed.atom` (RFC 4287): one entry per current notice with its permanent id, its page as the
 * alternate link, the first paragraph as summary and the body as escaped HTML content. In parts
 * (head, entries, end), for writeFileAtomic.
 */
export async function renderAtom(tenant: Tenant, notices: readonly CurrentNotice[], baseUrl: string, now: Date): Promise<string[]> {
  const labels = labelsFor(tenant.language);
  const x = escapeXml;
  // The feed changes when its newest entry does; an empty feed was last updated now.
  const updated = notices.reduce((latest, n) => Math.max(latest, n.publishedAt.getTime()), 0);
  const entries = await mapInSlices(notices, (n) => rendered.get(entryKey(tenant, n, baseUrl), () => renderEntry(tenant, n, baseUrl)));
  const head = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${tenant.language}">
  <id>${x(`${baseUrl}feed.atom`)}</id>
  <title type="text">${x(`${tenant.name}: ${labels.notices}`)}</title>
  <updated>${new Date(updated || now.getTime()).toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${x(`${baseUrl}feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${x(`${baseUrl}index.html`)}"/>
  <author><name>${x(tenant.name)}</name></author>
  <generator>Herald</generator>
`;
  return [head, ...entries, '</feed>\n'];
}
