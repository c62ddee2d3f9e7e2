import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
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

// The municipality's CMS answers for the website channel: a 400 fails the publication at once with
// the CMS's words (visible through the API, archived as `failed`); 503s are retried with backoff.

const prefix = newQueuePrefix();
let t: TestApp;
let workers: TestWorkers | undefined;
let cms: Server;
/** What the CMS answers next, per notice title. */
const script = new Map<string, number[]>();
const received: string[] = [];

before(async () => {
  cms = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const title = (JSON.parse(body) as { notice: { content: { title: string } } }).notice.content.title;
      received.push(title);
      const status = script.get(title)?.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 400 ? { error: 'Feltet «ingress» mangler' } : {}));
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

async function publicationOf(key: string, id: string) {
  const res = await t.app.inject({ url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${key}` } });
  const publication = res.json<NoticeView>().publications[0];
  assert.ok(publication);
  return publication;
}

test('a permanent refusal fails at once, in the channel own words, archived; nothing goes out', async () => {
  const key = await t.key('asnes', 'communications');
  script.set('Refusert', [400]);
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Refusert'));
  const failed = await waitFor('the publication to fail', async () => {
    const p = await publicationOf(key, notice.id);
    return p.state === 'failed' ? p : undefined;
  });
  assert.equal(failed.attempts, 1, 'no retry after a permanent refusal');
  assert.match(JSON.stringify(failed.lastError), /answered 400/);
  assert.match(JSON.stringify(failed.lastError), /ingress/);
  assert.equal(existsSync(join(t.dataDir, 'web', 'asnes', 'notices', `${notice.id}.html`)), false);
  const records = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === failed.id);
  assert.deepEqual(records.map((r) => r.event), ['failed']);
  assert.match(records[0]?.content.toString() ?? '', /answered 400/);
});

test('a transient failure is retried with backoff and then goes out once', async () => {
  const key = await t.key('asnes', 'communications');
  script.set('Ustabil', [503, 503]);
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Ustabil'));
  const published = await waitFor(
    'the publication to go out after two 503s',
    async () => {
      const p = await publicationOf(key, notice.id);
      return p.state === 'published' ? p : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  assert.equal(published.attempts, 3);
  assert.equal(received.filter((title) => title === 'Ustabil').length, 3);
  const records = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === published.id);
  assert.deepEqual(records.map((r) => r.event), ['published']);
});
