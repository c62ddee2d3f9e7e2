import type { Tenant } from '../../config/tenant-types.ts';
import type { CurrentNotice } from './current.ts';
import { isoLocal } from './dates.ts';

/**
 * `notices.json`: the current notices for machines (apps, the municipality's own CMS), newest
 * first, with the text and fields exactly as published and instants in the tenant's zone.
 */
export function renderNoticesJson(tenant: Tenant, notices: readonly CurrentNotice[], now: Date): string {
  const zone = tenant.timeZone;
  const document = {
    municipality: { slug: tenant.slug, name: tenant.name, organisationNumber: tenant.organisationNumber },
    generatedAt: isoLocal(now, zone),
    notices: notices.map(({ notice, url, publishedAt, expiresAt }) => ({
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
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
