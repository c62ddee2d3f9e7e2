import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tenant } from '../../src/config/tenant-types.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { loadRuleFiles } from '../../src/rules/index.ts';
import { createTenantDirectory } from '../../src/tenancy/directory.ts';
import { buildTestApp, type TestApp } from './app.ts';
import { CONFIG_DIR, RULES_DIR } from './paths.ts';
import { deleteQueueKeys, newQueuePrefix, startTestWorkers } from './workers.ts';

/** A page push as the website channel sends it to the municipality's CMS. */
export interface CmsPush {
  event: string;
  notice: { content: { title: string } };
}

/** Answers a push: the status, and a JSON body (`{}` when none is given). */
export type CmsReply = (status: number, body?: unknown) => void;

export interface CmsScene {
  t: TestApp;
  /** GET /v1/notices/:id's (website) publication. */
  publicationOf(key: string, noticeId: string): Promise<NoticeView['publications'][number]>;
  close(): Promise<void>;
}

/**
 * The API and a worker set (the real ones) on a test database, with asnes pushing its pages to a CMS
 * webhook on loopback before writing them; `answer` decides each push's reply and when it comes.
 */
export async function cmsScene(answer: (push: CmsPush, reply: CmsReply) => void): Promise<CmsScene> {
  const cms = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      answer(JSON.parse(body) as CmsPush, (status, json = {}) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json)));
    });
  });
  cms.listen(0, '127.0.0.1');
  await once(cms, 'listening');
  const url = `http://127.0.0.1:${(cms.address() as AddressInfo).port}/herald`;
  const tenants: Tenant[] = loadTenants(CONFIG_DIR).map((tenant) =>
    tenant.slug === 'asnes' ? { ...tenant, channels: { ...tenant.channels, website: { ...tenant.channels.website, cmsWebhook: { url, secret: 'a-secret-of-sixteen+' } } } } : tenant,
  );
  const directory = createTenantDirectory(tenants, loadRuleFiles(RULES_DIR));
  const t = await buildTestApp({ directory });
  const prefix = newQueuePrefix();
  const workers = await startTestWorkers(t, { prefix, directory });
  return {
    t,
    async publicationOf(key, noticeId) {
      const res = await t.app.inject({ url: `/v1/notices/${noticeId}`, headers: { authorization: `Bearer ${key}` } });
      const publication = res.json<NoticeView>().publications[0];
      if (!publication) throw new Error(`no publication: ${res.body}`);
      return publication;
    },
    async close() {
      await workers.stop();
      await deleteQueueKeys(prefix);
      await t.close();
      cms.close();
    },
  };
}
