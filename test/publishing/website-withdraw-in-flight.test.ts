import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { Tenant } from '../../src/config/tenant-types.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { loadRuleFiles } from '../../src/rules/index.ts';
import { createTenantDirectory } from '../../src/tenancy/directory.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { CONFIG_DIR, RULES_DIR } from '../helpers/paths.ts';
import { archiveRecords, deleteQueueKeys, newQueuePrefix, startTestWorkers, submitAccepted, waitFor, websiteAnnouncement, type TestWorkers } from '../helpers/workers.ts';

// The website's side of the race with a withdrawal: the municipality's CMS holds the page's push,
// the withdrawal writes the withdrawn page meanwhile, then the push is answered and the notice's page
// is written over it. The late delivery must send the publication back to be withdrawn again.

const HOLD_MS = 2500;
const prefix = newQueuePrefix();
let t: TestApp;
let workers: TestWorkers | undefined;
let cms: Server;
/** The events the CMS received, in order. */
const received: string[] = [];

before(async () => {
  cms = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const event = (JSON.parse(body) as { event: string }).event;
      received.push(event);
      const answer = (): void => void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      if (event === 'publish') setTimeout(answer, HOLD_MS);
      else answer();
    });
  });
  cms.listen(0, '127.0.0.1');
  await once(cms, 'listening');
  const url = `http://127.0.0.1:${(cms.address() as AddressInfo).port}/herald`;
  const tenants: Tenant[] = loadTenants(CONFIG_DIR).map((tenant) =>
    tenant.slug === 'asnes' ? { ...tenant, channels: { ...tenant.channels, website: { ...tenant.channels.website, cmsWebhook: { url, secret: 'a-secret-of-sixteen+' } } } } : tenant,
  );
  const directory = createTenantDirectory(tenants, loadRuleFiles(RULES_DIR));
  t = await buildTestApp({ directory });
  workers = await startTestWorkers(t, { prefix, directory });
});
after(async () => {
  await workers?.stop();
  await deleteQueueKeys(prefix);
  await t.close();
  cms.close();
});

async function publicationOf(key: string, id: string): Promise<NoticeView['publications'][number]> {
  const res = await t.app.inject({ url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${key}` } });
  const publication = res.json<NoticeView>().publications[0];
  assert.ok(publication);
  return publication;
}

test('withdrawn while the CMS holds the page: the page written late is replaced by the withdrawn page', async () => {
  const key = await t.key('asnes', 'communications');
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Trukket mens CMS venter'));
  await waitFor('the CMS to hold the page', async () => received.includes('publish') || undefined);
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/notices/${notice.id}/withdraw`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: { reason: 'Trukket under publisering' },
  });
  assert.equal(res.statusCode, 200, res.body);
  // The first withdrawal is done before the CMS answers the push.
  await waitFor('the first withdrawal', async () => (await publicationOf(key, notice.id)).state === 'withdrawn' || undefined, { timeoutMs: HOLD_MS - 500 });
  assert.deepEqual(received, ['publish', 'withdraw']);

  const records = await waitFor('the page published and withdrawn again', async () => {
    const all = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === notice.publications[0]?.id);
    return all.length === 3 && (await publicationOf(key, notice.id)).state === 'withdrawn' ? all : undefined;
  });
  assert.deepEqual(records.map((r) => r.event), ['withdrawn', 'published', 'withdrawn']);
  // A moment for anything still on its way to the file, then the page must be the withdrawn one.
  await sleep(300);
  const page = readFileSync(join(t.dataDir, 'web', 'asnes', 'notices', `${notice.id}.html`));
  assert.ok(page.equals(records[2]?.content ?? Buffer.alloc(0)), 'the page on the website is the last withdrawn page');
  assert.deepEqual(received, ['publish', 'withdraw', 'withdraw']);
});
