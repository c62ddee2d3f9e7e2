import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Worker } from 'bullmq';
import type { Tenant } from '../../src/config/tenant-types.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import { createMailer } from '../../src/alerts/email.ts';
import { runAlertWatch, type AlertWatchContext, type WatchSummary } from '../../src/alerts/watch.ts';
import { createLogger } from '../../src/logger.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { AlertQueue, alertJobOptions } from '../../src/queue/alert-queue.ts';
import { loadRuleFiles } from '../../src/rules/index.ts';
import { DEV_SECRET_KEY } from '../../src/secrets/secret-key.ts';
import { createTenantDirectory } from '../../src/tenancy/directory.ts';
import { createAlertWorker } from '../../workers/alert-worker.ts';
import { buildTestApp, REDIS_URL, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { CONFIG_DIR, RULES_DIR } from '../helpers/paths.ts';
import { deleteQueueKeys, newQueuePrefix, submitAccepted, waitFor } from '../helpers/workers.ts';
import { startAlertInbox, type AlertInbox } from './inbox.ts';

// Each kind of alert fires once however often the watch looks, repeats after the reminder interval,
// and resolves when the problem is gone: every message e-mailed (in Norwegian) and POSTed signed,
// archived as an event of each notice concerned, and listed on the notice.

const SECRET = 'alert-webhook-secret-for-tests-0123456789';
const ALERT_ADDRESS = 'varsling@asnes.example';
const SUBMITTER = 'ola.hansen@asnes.example';
const HOUR = 3_600_000;

let t: TestApp;
let inbox: AlertInbox;
let worker: Worker;
let queue: AlertQueue;
let ctx: AlertWatchContext;
let comms: string;
let approver: string;
const prefix = newQueuePrefix();
const log = createLogger('silent');

before(async () => {
  inbox = await startAlertInbox();
  const tenants: Tenant[] = loadTenants(CONFIG_DIR).map((tenant) =>
    tenant.slug === 'asnes' ? { ...tenant, alerts: { email: ALERT_ADDRESS, webhook: { url: inbox.webhookUrl, secretEnv: 'TEST_ALERT_SECRET' }, deadlineMarginHours: 720, reminderHours: 24 } } : tenant,
  );
  const directory = createTenantDirectory(tenants, loadRuleFiles(RULES_DIR));
  t = await buildTestApp({ directory });
  comms = await t.key('asnes', 'communications', 'Ola Hansen');
  approver = await t.key('asnes', 'communications', 'Ingrid Berg');
  await t.db.pool.query('UPDATE users SET email = $1 WHERE name = $2', [SUBMITTER, 'Ola Hansen']);
  queue = new AlertQueue({ redisUrl: REDIS_URL, prefix }, alertJobOptions(50));
  const mailer = createMailer({ url: inbox.smtpUrl, from: 'Herald <herald@asnes.example>' });
  worker = createAlertWorker({ pool: t.db.pool, directory, mailer, secret: (name) => (name === 'TEST_ALERT_SECRET' ? SECRET : undefined), clock: () => new Date(), log, webhookTimeoutMs: 2000 }, { redisUrl: REDIS_URL, prefix }, log);
  ctx = { pool: t.db.pool, directory, clock: () => new Date(), log, secretKey: Buffer.from(DEV_SECRET_KEY, 'hex'), overdueGraceMs: 7 * 24 * HOUR, longPauseMs: HOUR, email: true, enqueue: (ids) => queue.enqueue(ids) };
});

after(async () => {
  await worker.close();
  await queue.close();
  await deleteQueueKeys(prefix);
  await t.close();
  await inbox.close();
});

/** One pass of the watch as if the clock said `at`. */
const pass = (at: Date): Promise<WatchSummary> => runAlertWatch({ ...ctx, clock: () => at });

const get = async (id: string): Promise<NoticeView & { alerts: { kind: string; state: string; reminders: number; deadlineLocal: string | null; problem: string | null }[] }> =>
  (await t.app.inject({ url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${comms}` } })).json();

const withdraw = async (id: string): Promise<void> => {
  const res = await t.app.inject({ method: 'POST', url: `/v1/notices/${id}/withdraw`, headers: { authorization: `Bearer ${comms}`, 'content-type': 'application/json' }, payload: { reason: 'Trukket i testen' } });
  assert.equal(res.statusCode, 200, res.body);
};

const alertRecords = async (noticeId: string): Promise<string[]> => {
  const { rows } = await t.db.pool.query<{ phase: string }>(`SELECT receipt->>'phase' AS phase FROM archive_records WHERE notice_id = $1 AND event = 'alert' ORDER BY id`, [noticeId]);
  return rows.map((r) => r.phase);
};

/** Waits until `count` e-mails and webhook calls have arrived in all, and returns those since `from`. */
async function delivered(mails: number, hooks: number): Promise<void> {
  await waitFor('the alert deliveries', async () => inbox.mails.length >= mails && inbox.hooks.length >= hooks, {
    timeoutMs: 10_000,
    describe: async () => `${inbox.mails.length} mails, ${inbox.hooks.length} hooks`,
  });
}

function verified(hook: AlertInbox['hooks'][number]): { event: string; alert: { kind: string }; facts: { notices: unknown[] } } {
  const expected = `sha256=${createHmac('sha256', SECRET).update(hook.body, 'utf8').digest('hex')}`;
  assert.equal(hook.headers['x-herald-signature'], expected, 'the webhook signature verifies with the shared secret');
  assert.ok(hook.headers['x-herald-delivery'], 'each delivery has an id for the receiver to drop duplicates');
  const body = JSON.parse(hook.body) as { event: string; sentAt: string; alert: { kind: string }; facts: { notices: unknown[] } };
  assert.equal(hook.headers['x-herald-event'], body.event);
  assert.equal(String(Math.floor(Date.parse(body.sentAt) / 1000)), hook.headers['x-herald-timestamp']);
  return body;
}

describe('alert lifecycle', () => {
  test('a paused Facebook Page with three notices waiting raises ONE alert, reminds once a day, resolves', async () => {
    // No Page token is set: the Page needs one, and every Facebook publication waits on it.
    const notices: NoticeView[] = [];
    for (const title of ['Vannavstengning i Flisa', 'Brøyting i helgen', 'Nytt bibliotek åpner']) {
      notices.push(await submitAccepted(t, comms, { ...example('announcement'), title, channels: ['website', 'facebook'] }));
    }
    const t0 = new Date();
    assert.deepEqual(await pass(t0), { opened: 1, reminded: 0, resolved: 0 });
    assert.deepEqual(await pass(new Date(t0.getTime() + 60_000)), { opened: 0, reminded: 0, resolved: 0 }, 'looking again raises nothing new');
    const { rows } = await t.db.pool.query<{ kind: string; notices: number }>(`SELECT kind, jsonb_array_length(facts->'notices') AS notices FROM alerts`);
    assert.deepEqual(rows, [{ kind: 'channel-paused', notices: 3 }]);

    await delivered(1, 1);
    const [mail] = inbox.mails;
    assert.ok(mail);
    assert.deepEqual(new Set(mail.to), new Set([ALERT_ADDRESS, SUBMITTER]), 'to the municipality’s alert address and the submitter');
    assert.equal(mail.subject, 'Facebook-siden står stille: 3 kunngjøring(er) venter');
    assert.match(mail.text, /Kommune: Åsnes kommune/);
    assert.match(mail.text, /Kunngjøringer som venter \(3\):/);
    assert.match(mail.text, /«Brøyting i helgen»/);
    assert.match(mail.text, /Hva du bør gjøre: En administrator må rette kanalen/);
    const opened = verified(inbox.hooks[0] ?? assert.fail('no webhook call'));
    assert.equal(opened.event, 'alert.opened');
    assert.equal(opened.alert.kind, 'channel-paused');
    assert.equal(opened.facts.notices.length, 3);

    assert.deepEqual(await pass(new Date(t0.getTime() + 25 * HOUR)), { opened: 0, reminded: 1, resolved: 0 });
    await delivered(2, 2);
    assert.match(inbox.mails[1]?.subject ?? '', /^Påminnelse: Facebook-siden står stille/);
    assert.equal(verified(inbox.hooks[1] ?? assert.fail()).event, 'alert.reminder');
    assert.deepEqual(await pass(new Date(t0.getTime() + 26 * HOUR)), { opened: 0, reminded: 0, resolved: 0 }, 'one reminder per interval');

    for (const n of notices) await withdraw(n.id);
    assert.deepEqual(await pass(new Date(t0.getTime() + 27 * HOUR)), { opened: 0, reminded: 0, resolved: 1 });
    await delivered(3, 3);
    assert.match(inbox.mails[2]?.subject ?? '', /^Løst: Facebook-siden står stille/);
    assert.match(inbox.mails[2]?.text ?? '', /Problemet er løst/);
    assert.equal(verified(inbox.hooks[2] ?? assert.fail()).event, 'alert.resolved');

    for (const n of notices) {
      assert.deepEqual(await alertRecords(n.id), ['opened', 'reminder', 'resolved'], 'every message is archived with each notice');
      const [alert] = (await get(n.id)).alerts;
      assert.equal(alert?.kind, 'channel-paused');
      assert.equal(alert.state, 'resolved');
      assert.equal(alert.reminders, 1);
    }
  });

  test('a hearing still awaiting approval inside the margin before its 42 days begin raises a deadline alert per mandatory channel', async () => {
    const start = { mails: inbox.mails.length, hooks: inbox.hooks.length };
    const plan = await submitAccepted(t, comms, example('plan-ettersyn')); // comment deadline 2031-03-03
    assert.equal(plan.status, 'awaiting_approval');
    assert.deepEqual(await pass(new Date('2030-11-01T12:00:00Z')), { opened: 0, reminded: 0, resolved: 0 }, 'months ahead, nothing to say yet');
    const inMargin = new Date('2031-01-10T12:00:00Z');
    assert.deepEqual(await pass(inMargin), { opened: 2, reminded: 0, resolved: 0 });
    assert.deepEqual(await pass(new Date(inMargin.getTime() + HOUR)), { opened: 0, reminded: 0, resolved: 0 });
    await delivered(start.mails + 2, start.hooks + 2);
    const mails = inbox.mails.slice(start.mails);
    const website = mails.find((m) => m.subject.includes('nettsiden'));
    assert.equal(website?.subject, 'Frist i fare: «Offentlig ettersyn: detaljregulering for Flisa sentrum nord» er ikke ute på nettsiden');
    assert.match(website.text, /Må være ute innen: 21\. januar 2031 kl\. 00:00 \(Europe\/Oslo\)/);
    assert.match(website.text, /Lovkrav: plan\.ettersyn\.frist, plan- og bygningsloven § 12-10 \(1\)/);
    assert.match(website.text, new RegExp(`GET /v1/notices/${plan.id}`));
    assert.ok(mails.some((m) => m.subject.includes('avisen (glamdalen)')));

    assert.deepEqual(await pass(new Date(inMargin.getTime() + 25 * HOUR)), { opened: 0, reminded: 2, resolved: 0 });
    await withdraw(plan.id);
    assert.deepEqual(await pass(new Date(inMargin.getTime() + 26 * HOUR)), { opened: 0, reminded: 0, resolved: 2 });
    const alerts = (await get(plan.id)).alerts;
    assert.deepEqual(alerts.map((a) => [a.kind, a.state, a.reminders]), [['deadline', 'resolved', 1], ['deadline', 'resolved', 1]]);
    assert.equal(alerts[0]?.deadlineLocal, '2031-01-21T00:00:00.000+01:00');
  });

  test('a newspaper ad without proof days after its issue raises an alert; the confirmation resolves it', async () => {
    const plan = await submitAccepted(t, comms, example('plan-ettersyn'));
    const approved = await t.app.inject({ method: 'POST', url: `/v1/notices/${plan.id}/approve`, headers: { authorization: `Bearer ${approver}` } });
    assert.equal(approved.statusCode, 200, approved.body);
    // As the newspaper worker leaves it once the ad is handed over, for an issue that has been.
    const issue = new Date(Date.now() - 10 * 24 * HOUR).toISOString().slice(0, 10);
    await t.db.pool.query(`UPDATE publications SET state = 'delivered', issue_date = $2, delivered_at = now() WHERE notice_id = $1 AND channel = 'newspaper'`, [plan.id, issue]);
    const now = new Date();
    assert.deepEqual(await pass(now), { opened: 1, reminded: 0, resolved: 0 });
    assert.deepEqual(await pass(new Date(now.getTime() + 25 * HOUR)), { opened: 0, reminded: 1, resolved: 0 });
    const confirmed = await t.app.inject({ method: 'POST', url: `/v1/notices/${plan.id}/publications/newspaper/confirm`, headers: { authorization: `Bearer ${comms}`, 'content-type': 'application/json' }, payload: { page: 12 } });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.deepEqual(await pass(new Date(now.getTime() + 26 * HOUR)), { opened: 0, reminded: 0, resolved: 1 });
    const [alert] = (await get(plan.id)).alerts;
    assert.deepEqual([alert?.kind, alert?.state, alert?.reminders], ['newspaper-unconfirmed', 'resolved', 1]);
    assert.deepEqual(await alertRecords(plan.id), ['opened', 'reminder', 'resolved']);
  });

  test('a publication the channel refused for good raises an alert in the channel’s own words; withdrawing resolves it', async () => {
    const start = inbox.mails.length;
    const notice = await submitAccepted(t, comms, { ...example('announcement'), title: 'Kulturkveld', channels: ['website'] });
    const error = { message: 'CMS webhook answered 403', permanent: true, details: { kind: 'refused', message: 'Forbidden: the CMS refused the page', what: { nb: 'Be nettredaktøren åpne for Herald.', en: 'Ask the web editor to let Herald in.' } } };
    await t.db.pool.query(`UPDATE publications SET state = 'failed', last_error = $2 WHERE notice_id = $1`, [notice.id, JSON.stringify(error)]);
    const now = new Date();
    assert.deepEqual(await pass(now), { opened: 1, reminded: 0, resolved: 0 });
    assert.deepEqual(await pass(new Date(now.getTime() + 25 * HOUR)), { opened: 0, reminded: 1, resolved: 0 });
    await withdraw(notice.id);
    assert.deepEqual(await pass(new Date(now.getTime() + 26 * HOUR)), { opened: 0, reminded: 0, resolved: 1 });
    await delivered(start + 3, 0);
    const mail = inbox.mails.slice(start).find((m) => m.subject.startsWith('Publisering feilet'));
    assert.equal(mail?.subject, 'Publisering feilet: «Kulturkveld» på nettsiden');
    assert.match(mail.text, /Hva gikk galt: Forbidden: the CMS refused the page/);
    assert.match(mail.text, /Hva du bør gjøre: Be nettredaktøren åpne for Herald\./);
    const [alert] = (await get(notice.id)).alerts;
    assert.deepEqual([alert?.kind, alert?.state, alert?.problem], ['publication-failed', 'resolved', 'Forbidden: the CMS refused the page']);
  });
});
