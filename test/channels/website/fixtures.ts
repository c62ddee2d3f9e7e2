import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Tenant } from '../../../src/config/tenant-types.ts';
import type { NoticeInput } from '../../../src/notices/types.ts';
import type { NoticeSnapshot, PublicationTask } from '../../../src/channels/types.ts';
import type { WebsiteListing } from '../../../src/channels/website/index.ts';
import { example, type EXAMPLE_NAMES } from '../../helpers/examples.ts';

export type ExampleName = (typeof EXAMPLE_NAMES)[number];

export const BASE_URL = 'https://www.asnes.kommune.no/kunngjoringer/';

export function tenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    slug: 'asnes',
    name: 'Åsnes kommune',
    organisationNumber: '964947007',
    timeZone: 'Europe/Oslo',
    language: 'nb',
    samiLanguageArea: false,
    channels: { website: { baseUrl: BASE_URL }, newspapers: [] },
    rules: {},
    ...overrides,
  };
}

/** A shipped example notice as a worker would hand it over; `edit` may change its content. */
export function snapshot(name: ExampleName, publishAt = '2030-03-01T08:00:00Z', edit: (c: NoticeInput) => void = () => undefined): NoticeSnapshot {
  const content = example(name);
  edit(content);
  return { id: randomUUID(), version: 1, type: content.type, content, publishAt: new Date(publishAt), ruleVersion: `${content.type}@test` };
}

export function task(notice: NoticeSnapshot, forTenant: Tenant = tenant()): PublicationTask {
  return {
    publicationId: randomUUID(),
    channel: 'website',
    target: null,
    tenant: forTenant,
    notice,
    scheduledAt: notice.publishAt,
    appearsAt: notice.publishAt,
    issueDate: null,
    attempt: 1,
    attemptStartedAt: notice.publishAt,
  };
}

export function listed(notice: NoticeSnapshot, publishedAt: Date = notice.publishAt): WebsiteListing {
  return { notice, url: `${BASE_URL}notices/${notice.id}.html`, publishedAt };
}

/** A fresh web root under the OS temp folder, removed when the test file ends. */
export async function tempWebRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-website-'));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The JSON-LD block of a page, parsed. */
export function structuredData(page: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
  if (!match?.[1]) throw new Error('no JSON-LD block');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

/**
 * The attribute names of every tag in a page. Sound because the renderers quote every attribute value
 * and escape `<` and `"` in text: each `<` starts a real tag and no value holds a raw quote.
 */
export function attributeNames(page: string): string[] {
  const body = page.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '');
  return (body.match(/<[a-zA-Z][^>]*>/g) ?? []).flatMap((tag) =>
    [...tag.replace(/"[^"]*"/g, '""').matchAll(/\s([^\s=>"]+)/g)].map((m) => (m[1] ?? '').toLowerCase()),
  );
}
