import { randomBytes } from 'node:crypto';
import type { PublicationTask } from '../../../src/channels/types.ts';
import type { Tenant } from '../../../src/config/tenant-types.ts';
import { createFacebookChannel, createGraphClient, type FacebookChannelOptions } from '../../../src/channels/facebook/index.ts';
import type { ChannelAdapter } from '../../../src/channels/types.ts';
import { facebookPagesIn, setPageToken } from '../../../src/store/facebook-pages.ts';
import { syncTenants } from '../../../src/store/tenants.ts';
import type { TestDatabase } from '../../helpers/databases.ts';
import type { FakeGraph } from '../../fakes/graph-api/server.ts';
import { snapshot, task, tenant, type ExampleName } from '../website/fixtures.ts';

export const PAGE_ID = '100064000000001';

/** Åsnes with a Facebook Page, as the shipped tenant file has it. */
export function facebookTenant(pageId = PAGE_ID, slug = 'asnes'): Tenant {
  const base = tenant({ slug });
  return { ...base, channels: { ...base.channels, facebook: { pageId, postingWindow: { from: '07:00', to: '22:00' } } } };
}

/** A Facebook publication of a fresh notice, scheduled a moment ago. */
export function facebookTask(name: ExampleName = 'announcement', forTenant: Tenant = facebookTenant(), edit?: Parameters<typeof snapshot>[2]): PublicationTask {
  const scheduledAt = new Date(Date.now() - 1000);
  const base = task(snapshot(name, scheduledAt.toISOString(), edit), forTenant);
  return { ...base, channel: 'facebook', scheduledAt, appearsAt: scheduledAt, attemptStartedAt: new Date() };
}

export interface FacebookSetup {
  adapter: ChannelAdapter;
  key: Buffer;
  token: string;
}

/**
 * The real adapter on the real Page store (this test's database) against the fake Graph API: the
 * tenant synced, the fake Page created and its token set, encrypted, in PostgreSQL.
 */
export async function facebookSetup(db: TestDatabase, fake: FakeGraph, options: Partial<FacebookChannelOptions> = {}, forTenant: Tenant = facebookTenant()): Promise<FacebookSetup> {
  const key = randomBytes(32);
  const pageId = forTenant.channels.facebook?.pageId ?? PAGE_ID;
  await syncTenants(db.pool, [forTenant]);
  const token = fake.addPage(pageId, { token: `page-token-${randomBytes(6).toString('hex')}` }).token;
  await setPageToken(db.pool, key, { tenantSlug: forTenant.slug, pageId, token });
  const adapter = createFacebookChannel({
    client: createGraphClient({ baseUrl: fake.url, timeoutMs: 500 }),
    pages: facebookPagesIn(db.pool, key),
    clock: () => new Date(),
    tokenRecheckMs: 100,
    ...options,
  });
  return { adapter, key, token };
}
