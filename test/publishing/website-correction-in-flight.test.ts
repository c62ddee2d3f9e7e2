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

// A correction that races the old version's page still on its way: the municipality's CMS holds the
// first version's push, the correction's page is pushed and written meanwhile, then the first
// version's answer comes and its page is written over the correction's at the address the versions
// share. The late delivery must be archived as it went out, and the corrected page put back.

const HOLD_MS = 2500;
const prefix = newQueuePrefix();
let t: TestApp;
let workers: TestWorkers | undefined;
let cms: Server;
/** The pushes the CMS received, in order: event and the notice's title. */
const received: { event: string; title: string }[] = [];

before(async () => {
  cms = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const push = JSON.parse(body) as { event: string; notice: { content: { title: string } } };
      received.push({ event: push.event, title: push.notice.content.title });
      const answer = (): void => void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      // Only the first push (the first version's page) is held.
      if (received.length === 1) setTimeout(answer, HOLD_MS);
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

async function noticeOf(key: string, id: string): Promise<NoticeView> {
  const res = await t.app.inject({ url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<NoticeView>();
}

test('corrected while the CMS holds the old page: the old page written late is replaced by the corrected one', async () => {
  const key = await t.key('asnes', 'communications');
  const first = websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Vannet stenges tirsdag');
  const notice = await submitAccepted(t, key, first);
  const oldId = notice.publications[0]?.id;
  assert.ok(oldId);
  await waitFor('the CMS to hold the first page', async () => received.length === 1 || undefined);

  const corrected = await t.app.inject({
    method: 'PUT',
    url: `/v1/notices/${notice.id}`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: { ...first, title: 'Vannet stenges onsdag' },
  });
  assert.equal(corrected.statusCode, 200, corrected.body);
  const newId = corrected.json<NoticeView>().publications.find((p) => p.id !== oldId)?.id;
  assert.ok(newId);
  // The corrected page is out before the CMS answers the first push.
  await waitFor('the corrected page', async () => (await noticeOf(key, notice.id)).publications.find((p) => p.id === newId)?.state === 'published' || undefined, {
    timeoutMs: HOLD_MS - 500,
  });

  const records = await waitFor('the old page archived as it went out, and taken down by the corrected one', async () => {
    const old = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === oldId);
    return old.at(-1)?.event === 'withdrawn' ? old : undefined;
  });
  assert.deepEqual(
    records.map((r) => r.event),
    ['corrected', 'published', 'withdrawn'],
    'superseded in flight, its page as it went out, and the corrected page written back over it',
  );
  assert.match(records[1]?.content.toString('utf8') ?? '', /Vannet stenges tirsdag/);
  const newPublished = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === newId && r.event === 'published');
  assert.equal(newPublished.length, 1, 'the corrected publication was published once');
  assert.ok(records[2]?.content.equals(newPublished[0]?.content ?? Buffer.alloc(0)), 'the take-down wrote the corrected page');
  assert.deepEqual(records[2]?.receipt?.restored, { publicationId: newId, version: 2 });

  // A moment for anything still on its way to the file, then the page must be the corrected one.
  await sleep(300);
  const page = readFileSync(join(t.dataDir, 'web', 'asnes', 'notices', `${notice.id}.html`));
  assert.ok(page.equals(newPublished[0]?.content ?? Buffer.alloc(0)), 'the page on the website is the corrected page');
  assert.deepEqual(
    received.map((r) => `${r.event}: ${r.title}`),
    ['publish: Vannet stenges tirsdag', 'publish: Vannet stenges onsdag', 'publish: Vannet stenges onsdag'],
    'the CMS got the corrected page again after the old one',
  );
  const { rows } = await t.db.pool.query<{ version: number; state: string }>(`SELECT notice_version AS version, state FROM publications WHERE notice_id = $1 ORDER BY notice_version`, [notice.id]);
  assert.deepEqual(rows, [{ version: 1, state: 'withdrawn' }, { version: 2, state: 'published' }]);
});
