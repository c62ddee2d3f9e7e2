import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Tenant } from '../../src/config/tenant-types.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import { createLogger } from '../../src/logger.ts';
import { loadRuleFiles } from '../../src/rules/index.ts';
import { createTenantDirectory } from '../../src/tenancy/directory.ts';
import { sample } from '../helpers/metrics.ts';
import { CONFIG_DIR, RULES_DIR } from '../helpers/paths.ts';
import { waitFor } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from '../publishing/facebook-scene.ts';
import { startAlertInbox, type AlertInbox } from './inbox.ts';

// The whole path a newcomer follows in the README: Facebook refuses a post for good, the deadline
// watch (a BullMQ job scheduler in the worker) raises an alert, the e-mail reaches a real SMTP server
// in Norwegian and the signed webhook reaches a real HTTP receiver after one failed try. Meanwhile
// the API's and the worker's metrics move, and no secret shows up in any log line of the run.

const SECRET = 'e2e-webhook-secret-abcdefghijklmnop';
const SUBMITTER = 'kommunikasjon@asnes.example';
const lines: string[] = [];
const sink = { write: (line: string) => void lines.push(line) };

let inbox: AlertInbox;
let s: FacebookScene;

before(async () => {
  inbox = await startAlertInbox();
  const tenants: Tenant[] = loadTenants(CONFIG_DIR).map((tenant) => {
    const allDay = tenant.channels.facebook ? { ...tenant.channels, facebook: { ...tenant.channels.facebook, postingWindow: { from: '00:00', to: '00:00' } } } : tenant.channels;
    const alerts = tenant.slug === 'asnes' ? { email: 'varsling@asnes.example', webhook: { url: inbox.webhookUrl, secretEnv: 'E2E_ALERT_SECRET' }, deadlineMarginHours: 72, reminderHours: 24 } : tenant.alerts;
    return { ...tenant, channels: allDay, ...(alerts && { alerts }) };
  });
  s = await facebookScene({
    directory: createTenantDirectory(tenants, loadRuleFiles(RULES_DIR)),
    logger: createLogger('debug', sink),
    workerLog: createLogger('debug', sink).child({ role: 'worker' }),
    alerts: { watchEveryMs: 250, overdueGraceMs: 60_000, smtp: { url: inbox.smtpUrl, from: 'Herald <herald@asnes.example>' }, secret: (name) => (name === 'E2E_ALERT_SECRET' ? SECRET : undefined), retryDelayMs: 100 },
    metricsPort: 0,
  });
  await s.t.db.pool.query(`UPDATE users SET email = $1 WHERE name = 'communications of asnes'`, [SUBMITTER]);
});

after(async () => {
  await s.close();
  await inbox.close();
});

const scrape = async (): Promise<{ api: string; worker: string }> => {
  const api = await s.t.app.inject({ url: '/metrics' });
  assert.equal(api.statusCode, 200);
  assert.match(String(api.headers['content-type']), /^text\/plain/);
  const url = s.workers.metricsUrl ?? assert.fail('the worker serves no metrics');
  const worker = await fetch(url);
  assert.equal(worker.status, 200);
  return { api: api.body, worker: await worker.text() };
};

test('a post Facebook refuses for good: alert by e-mail and signed webhook, metrics moved, no secret in the logs', async () => {
  const before = await scrape();
  // The webhook receiver is down for the first try: the delivery is retried with backoff.
  inbox.answerNext(503);
  s.fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action: { kind: 'error', code: 100, message: '(#100) Invalid parameter: the link is not allowed' } });
  const notice = await s.announce('Kulturkveld i Flisa');
  await s.waitForState(notice.id, 'failed');

  await waitFor('the alert e-mail and the webhook (retried once)', async () => inbox.mails.length >= 1 && inbox.hooks.length >= 2, { timeoutMs: 15_000, describe: async () => `${inbox.mails.length} mails, ${inbox.hooks.length} hooks` });
  const [mail] = inbox.mails;
  assert.equal(mail?.subject, 'Publisering feilet: «Kulturkveld i Flisa» på Facebook-siden');
  assert.deepEqual(new Set(mail.to), new Set(['varsling@asnes.example', SUBMITTER]));
  assert.match(mail.text, /Hva gikk galt: \(#100\) Invalid parameter: the link is not allowed/);
  assert.match(mail.text, /Hva du bør gjøre: Facebook avviste innholdet i innlegget/);
  assert.match(mail.text, new RegExp(`GET /v1/notices/${notice.id}`));

  const [first, second] = inbox.hooks;
  assert.ok(first && second);
  assert.equal(first.headers['x-herald-delivery'], second.headers['x-herald-delivery'], 'the retry is the same delivery');
  for (const hook of [first, second]) {
    const signature = `sha256=${createHmac('sha256', SECRET).update(hook.body, 'utf8').digest('hex')}`;
    assert.equal(hook.headers['x-herald-signature'], signature);
  }
  const payload = JSON.parse(second.body) as { event: string; tenant: string; alert: { kind: string }; text: string; facts: { channel: string; notices: { id: string }[] } };
  assert.deepEqual([payload.event, payload.tenant, payload.alert.kind, payload.facts.channel, payload.facts.notices[0]?.id], ['alert.opened', 'asnes', 'publication-failed', 'facebook', notice.id]);
  assert.equal(payload.text, mail.text, 'the webhook carries the same text, for a Teams or Slack channel');

  const view = (await s.t.app.inject({ url: `/v1/notices/${notice.id}`, headers: { authorization: `Bearer ${s.comms}` } })).json<{ alerts: { kind: string; state: string; channel: string }[] }>();
  assert.deepEqual(view.alerts.map((a) => [a.kind, a.state, a.channel]), [['publication-failed', 'open', 'facebook']]);

  await waitFor('the webhook delivery to be recorded as sent', async () => {
    const { rows } = await s.t.db.pool.query<{ state: string }>(`SELECT state FROM alert_deliveries WHERE transport = 'webhook'`);
    return rows[0]?.state === 'sent';
  });
  const after = await scrape();
  const moved = (side: 'api' | 'worker', name: string, labels: Record<string, string>): number => sample(after[side], name, labels) - sample(before[side], name, labels);
  assert.equal(moved('api', 'herald_notices_accepted_total', { type: 'announcement' }), 1);
  assert.equal(sample(after.api, 'herald_publications', { channel: 'facebook', state: 'failed' }), 1);
  assert.equal(sample(after.api, 'herald_alerts_open', { tenant: 'asnes', kind: 'publication-failed' }), 1);
  assert.ok(after.api.includes('herald_queue_jobs{queue="publish-facebook",state="delayed"}'), 'queue depths are reported');
  assert.ok(after.api.includes('herald_archive_sealing_lag_seconds'), 'sealing lag is reported');
  assert.equal(moved('worker', 'herald_publication_outcomes_total', { channel: 'website', outcome: 'published' }), 1);
  assert.equal(moved('worker', 'herald_publication_outcomes_total', { channel: 'facebook', outcome: 'failed' }), 1);
  assert.equal(moved('worker', 'herald_publication_lag_seconds_count', { channel: 'website' }), 1);
  assert.equal(moved('worker', 'herald_channel_call_errors_total', { channel: 'facebook', operation: 'deliver', code: 'graph-100' }), 1);
  assert.ok(moved('worker', 'herald_channel_call_duration_seconds_count', { channel: 'website', operation: 'deliver' }) >= 1);
  assert.equal(moved('worker', 'herald_alert_deliveries_total', { transport: 'webhook', outcome: 'retry' }), 1);
  assert.equal(moved('worker', 'herald_alert_deliveries_total', { transport: 'email', outcome: 'sent' }), 1);

  // The logs of the whole run: one JSON object per line, the same correlation fields in API and
  // workers, and not one secret — API keys, the Page token, the webhook secret, the SMTP password.
  assert.ok(lines.length > 20, `the run logged ${lines.length} lines`);
  const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const failed = parsed.find((l) => l.event === 'publication.failed' && l.channel === 'facebook');
  assert.deepEqual([failed?.tenant, failed?.noticeId, failed?.noticeVersion, failed?.attempt], ['asnes', notice.id, 1, 1]);
  assert.equal(typeof failed?.publicationId, 'string');
  const accepted = parsed.find((l) => l.event === 'notice.accepted');
  assert.deepEqual([accepted?.tenant, accepted?.noticeId, typeof accepted?.reqId], ['asnes', notice.id, 'string']);
  assert.ok(parsed.some((l) => l.event === 'alert.opened' && l.tenant === 'asnes'));
  for (const secret of [s.admin, s.comms, 'asnes-page-token-1', SECRET, inbox.smtpPassword]) {
    const leaked = lines.find((line) => line.includes(secret));
    assert.equal(leaked, undefined, `a log line holds a secret: ${leaked ?? ''}`);
  }
});
