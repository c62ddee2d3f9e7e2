import type { FastifyBaseLogger } from 'fastify';
import type { Tenant } from '../../src/config/tenant-types.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import type { NoticeInput } from '../../src/notices/types.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { loadRuleFiles } from '../../src/rules/index.ts';
import { createTenantDirectory, type TenantDirectory } from '../../src/tenancy/directory.ts';
import type { AlertWorkerOptions, FacebookWorkerOptions } from '../../workers/start.ts';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api/server.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { CONFIG_DIR, RULES_DIR } from '../helpers/paths.ts';
import { deleteQueueKeys, newQueuePrefix, startTestWorkers, submitAccepted, waitFor, type TestWorkers } from '../helpers/workers.ts';

export const ASNES_PAGE = '100064000000001';
export const KARASJOK_PAGE = '100064000000002';

/** Timings a test can wait out: pauses of about a second, a token looked at again every 200 ms. */
export const FAST_FACEBOOK: FacebookWorkerOptions = {
  timeoutMs: 700,
  tokenRecheckMs: 200,
  rateLimit: { defaultPauseMs: 1500, maxPauseMs: 1500 },
  harvestEveryMs: 60_000,
  tokenCheckEveryMs: 3_600_000,
};

/** The shipped tenants, with posting windows open all day so a test never waits for 07:00. */
export function allDayDirectory(): TenantDirectory {
  const tenants: Tenant[] = loadTenants(CONFIG_DIR).map((tenant) =>
    tenant.channels.facebook ? { ...tenant, channels: { ...tenant.channels, facebook: { ...tenant.channels.facebook, postingWindow: { from: '00:00', to: '00:00' } } } } : tenant,
  );
  return createTenantDirectory(tenants, loadRuleFiles(RULES_DIR));
}

export interface FacebookScene {
  t: TestApp;
  fake: FakeGraph;
  workers: TestWorkers;
  /** asnes admin and communications keys. */
  admin: string;
  comms: string;
  /** Sets a tenant's Page token through the API, as an administrator does. */
  setToken(token: string, adminKey?: string): Promise<void>;
  /** An announcement on the website and Facebook, going out now. */
  announce(title: string, key?: string, edit?: (n: NoticeInput) => void): Promise<NoticeView>;
  /** GET /v1/notices/:id's Facebook publication. */
  facebookOf(noticeId: string, key?: string): Promise<NoticeView['publications'][number]>;
  /** POST /v1/notices/:id/withdraw with a reason, expecting 200. */
  withdraw(noticeId: string, reason: string, key?: string): Promise<void>;
  /** Polls until `check` gives something. */
  waitFor<T>(check: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** Waits until the notice's Facebook publication is in `state`. */
  waitForState(noticeId: string, state: string, key?: string, timeoutMs?: number): Promise<NoticeView['publications'][number]>;
  close(): Promise<void>;
}

/**
 * The API and a worker set (the real ones) on a test database, with the fake Graph API standing in
 * for Facebook: both shipped Pages exist on the fake; asnes's token is set through the API.
 */
export async function facebookScene(
  opts: { facebook?: FacebookWorkerOptions; setAsnesToken?: boolean; logger?: FastifyBaseLogger; workerLog?: FastifyBaseLogger; directory?: TenantDirectory; alerts?: AlertWorkerOptions; metricsPort?: number } = {},
): Promise<FacebookScene> {
  const fake = await startFakeGraph();
  fake.addPage(ASNES_PAGE, { name: 'Åsnes kommune', token: 'asnes-page-token-1' });
  fake.addPage(KARASJOK_PAGE, { name: 'Kárášjoga gielda', token: 'karasjok-page-token-1' });
  const directory = opts.directory ?? allDayDirectory();
  const t = await buildTestApp({ directory, ...(opts.logger && { logger: opts.logger }) });
  const prefix = newQueuePrefix();
  const admin = await t.key('asnes', 'admin');
  const comms = await t.key('asnes', 'communications');

  const setToken = async (token: string, adminKey = admin): Promise<void> => {
    const res = await t.app.inject({ method: 'PUT', url: '/v1/channels/facebook/token', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, payload: { token } });
    if (res.statusCode !== 200) throw new Error(`setting the token answered ${res.statusCode}: ${res.body}`);
  };
  if (opts.setAsnesToken !== false) await setToken('asnes-page-token-1');
  const workers = await startTestWorkers(t, { prefix, directory, lockDurationMs: 3000, facebook: { graphUrl: fake.url, ...FAST_FACEBOOK, ...opts.facebook }, ...(opts.workerLog && { log: opts.workerLog }), ...(opts.alerts && { alerts: opts.alerts }), ...(opts.metricsPort !== undefined && { metricsPort: opts.metricsPort }) });

  const facebookOf = async (noticeId: string, key = comms) => {
    const res = await t.app.inject({ url: `/v1/notices/${noticeId}`, headers: { authorization: `Bearer ${key}` } });
    const publication = res.json<NoticeView>().publications.find((p) => p.channel === 'facebook');
    if (!publication) throw new Error(`no Facebook publication: ${res.body}`);
    return publication;
  };

  return {
    t,
    fake,
    workers,
    admin,
    comms,
    setToken,
    announce: (title, key = comms, edit = () => undefined) => {
      const notice: NoticeInput = { ...example('announcement'), title, channels: ['website', 'facebook'], publishAt: new Date().toISOString() };
      edit(notice);
      return submitAccepted(t, key, notice);
    },
    facebookOf,
    async withdraw(noticeId, reason, key = comms) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/notices/${noticeId}/withdraw`,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        payload: { reason },
      });
      if (res.statusCode !== 200) throw new Error(`withdrawal answered ${res.statusCode}: ${res.body}`);
    },
    waitFor: (check, timeoutMs = 15_000) => waitFor('the condition', check, { timeoutMs, intervalMs: 50 }),
    waitForState: (noticeId, state, key = comms, timeoutMs = 15_000) =>
      waitFor(
        `the Facebook publication to be ${state}`,
        async () => {
          const p = await facebookOf(noticeId, key);
          return p.state === state ? p : undefined;
        },
        { timeoutMs, intervalMs: 100, describe: async () => JSON.stringify(await facebookOf(noticeId, key)) },
      ),
    async close() {
      await workers.stop();
      await deleteQueueKeys(prefix);
      await t.close();
      await fake.close();
    },
  };
}
