import type { Tenant } from '../../config/tenant-types.ts';
import type { CurrentNotice } from './current.ts';
import { isoLocal } from './dates.ts';
import { EntryMemo, entryKey } from './entry-memo.ts';
import { mapInSlices } from './in-slices.ts';

/** Each notice's item, as JSON.stringify(…, null, 2) writes it at the depth of the `notices` array. */
const rendered = new EntryMemo<string>();

function item(tenant: Tenant, { notice, url, publishedAt, expiresAt }: CurrentNotice): string {
  const zone = tenant.timeZone;
  const value = {
    id: notice.id,
    version: notice.version,
    type: notice.type,
    language: notice.content.language,
    title: notice.content.title,
    body: notice.content.body,
    url,
    publishAt: isoLocal(notice.publishAt, zone),
    publishedAt: isoLocal(publishedAt, zone),
    expiresAt: expiresAt === null ? null : isoLocal(expiresAt, zone),
    fields: notice.content.fields,
    attachments: notice.content.attachments ?? [],
    translations: notice.content.translations ?? [],
  };
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n    ');
}

/**
 * `notices.json`: the current notices for machines (apps, the municipality's own CMS), newest
 * first, with the text and fields exactly as published and instants in the tenant's zone. Written
 * as JSON.stringify(document, null, 2) would write it, from items rendered once per notice version.
 * In parts, for writeFileAtomic.
 */
export async function renderNoticesJson(tenant: Tenant, notices: readonly CurrentNotice[], now: Date): Promise<string[]> {
  const head = JSON.stringify(
    {
      municipality: { slug: tenant.slug, name: tenant.name, organisationNumber: tenant.organisationNumber },
      generatedAt: isoLocal(now, tenant.timeZone),
      notices: [],
    },
    null,
    2,
  );
  if (notices.length === 0) return [`${head}\n`];
  const items = await mapInSlices(notices, (n, i) => `${i > 0 ? ',\n' : ''}    ${rendered.get(entryKey(tenant, n), () => item(tenant, n))}`);
  return [`${head.slice(0, head.lastIndexOf('[]'))}[\n`, ...items, '\n  ]\n}\n'];
}
