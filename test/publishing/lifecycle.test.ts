import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { NoticeView } from '../../src/notices/present.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { archiveRecords, deleteQueueKeys, newQueuePrefix, startTestWorkers, submitAccepted, waitFor, websiteAnnouncement, type TestWorkers } from '../helpers/workers.ts';

// Approval, withdrawal before and after publication, and correction, end to end through the workers.

const prefix = newQueuePrefix();
let t: TestApp;
let workers: TestWorkers | undefined;
let comms: string;
before(async () => {
  t = await buildTestApp();
  workers = await startTestWorkers(t, { prefix });
  comms = await t.key('asnes', 'communications', 'Ola Hansen');
});
after(async () => {
  await workers?.stop();
  await deleteQueueKeys(prefix);
  await t.close();
});

const call = async (key: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<NoticeView & { type: string; errors?: { rule: string }[] }>() };
};
const pageOf = (id: string) => join(t.dataDir, 'web', 'asnes', 'notices', `${id}.html`);
const indexPage = () => {
  const file = join(t.dataDir, 'web', 'asnes', 'index.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};
const stateOf = async (id: string) => (await call(comms, 'GET', `/v1/notices/${id}`)).body;
const waitForState = (id: string, state: string) =>
  waitFor(`publications of ${id} to be ${state}`, async () => {
    const notice = await stateOf(id);
    return notice.publications.every((p) => p.state === state) ? notice : undefined;
  });

test('a plan notice waits for a second user, who releases it; the submitter cannot approve it', async () => {
  const submitted = await submitAccepted(t, comms, { ...example('plan-vedtak') });
  assert.equal(submitted.status, 'awaiting_approval');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.ok((await stateOf(submitted.id)).publications.every((p) => p.state === 'pending'), 'nothing is queued before approval');

  const self = await call(comms, 'POST', `/v1/notices/${submitted.id}/approve`);
  assert.equal(self.status, 403);
  assert.equal(self.body.type, '/docs/errors#herald_err_approval_self');
  const hr = await call(await t.key('asnes', 'hr'), 'POST', `/v1/notices/${submitted.id}/approve`);
  assert.equal(hr.status, 403, 'hr may not approve a plan notice');

  const approver = await t.key('asnes', 'communications', 'Ingrid Berg');
  const approved = await call(approver, 'POST', `/v1/notices/${submitted.id}/approve`);
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'scheduled');
  const { rows } = await t.db.pool.query<{ name: string }>('SELECT u.name FROM notices n JOIN users u ON u.id = n.approved_by WHERE n.id = $1', [submitted.id]);
  assert.equal(rows[0]?.name, 'Ingrid Berg');
  assert.equal((await call(approver, 'POST', `/v1/notices/${submitted.id}/approve`)).status, 409);
  await waitFor('the website page of the approved plan', async () => existsSync(pageOf(submitted.id)));
});

test('withdrawn before it goes out: nothing is published, the cancellation is archived with the reason', async () => {
  const publishAt = new Date(Date.now() + 60_000).toISOString();
  const notice = await submitAccepted(t, comms, websiteAnnouncement(example('announcement'), publishAt));
  const withdrawn = await call(comms, 'POST', `/v1/notices/${notice.id}/withdraw`, { reason: 'Arrangementet er avlyst' });
  assert.equal(withdrawn.status, 200);
  assert.equal(withdrawn.body.status, 'withdrawn');
  assert.deepEqual(withdrawn.body.publications.map((p) => p.state), ['withdrawn']);
  const records = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === notice.publications[0]?.id);
  assert.deepEqual(records.map((r) => r.event), ['withdrawn']);
  assert.match(records[0]?.content.toString() ?? '', /Arrangementet er avlyst/);
  assert.equal((await call(comms, 'POST', `/v1/notices/${notice.id}/withdraw`, { reason: 'igjen' })).status, 409);
  assert.equal(existsSync(pageOf(notice.id)), false);
});

test('withdrawn after it went out: the page is replaced and it leaves the listing; both events archived', async () => {
  const notice = await submitAccepted(t, comms, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Stengt vei ved Flisa bru'));
  await waitForState(notice.id, 'published');
  await waitFor('the index to list it', async () => indexPage().includes('Stengt vei ved Flisa bru'));

  const res = await call(comms, 'POST', `/v1/notices/${notice.id}/withdraw`, { reason: 'Feil dato' });
  assert.equal(res.status, 200);
  await waitForState(notice.id, 'withdrawn');
  const page = readFileSync(pageOf(notice.id), 'utf8');
  assert.doesNotMatch(page, new RegExp(example('announcement').body.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await waitFor('the index to drop it', async () => !indexPage().includes('Stengt vei ved Flisa bru'));
  const events = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === notice.publications[0]?.id).map((r) => r.event);
  assert.deepEqual(events, ['published', 'withdrawn']);
});

test('withdrawn after a correction that has not gone out yet: the old version\'s page comes down too', async () => {
  const notice = await submitAccepted(t, comms, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Brøyting av Kirkevegen'));
  await waitForState(notice.id, 'published');
  const later = new Date(Date.now() + 3_600_000).toISOString();
  const corrected = await call(comms, 'PUT', `/v1/notices/${notice.id}`, websiteAnnouncement(example('announcement'), later, 'Brøyting av Kirkevegen og Storgata'));
  assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
  assert.match(readFileSync(pageOf(notice.id), 'utf8'), /Brøyting av Kirkevegen/, 'version 1 is up until version 2 goes out');

  assert.equal((await call(comms, 'POST', `/v1/notices/${notice.id}/withdraw`, { reason: 'Avlyst' })).status, 200);
  await waitFor('the old page to be taken down', async () => {
    const { rows } = await t.db.pool.query<{ notice_version: number; state: string }>('SELECT notice_version, state FROM publications WHERE notice_id = $1 ORDER BY notice_version', [notice.id]);
    return rows.every((r) => r.state === 'withdrawn') ? rows : undefined;
  });
  const page = readFileSync(pageOf(notice.id), 'utf8');
  assert.match(page, /<h1>Kunngjøringen er trukket tilbake<\/h1>/);
  assert.doesNotMatch(page, new RegExp(example('announcement').body.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const { rows: records } = await t.db.pool.query<{ event: string; notice_version: number }>('SELECT event, notice_version FROM archive_records WHERE notice_id = $1 ORDER BY id', [notice.id]);
  assert.deepEqual(records.map((r) => `${r.event} v${r.notice_version}`), ['published v1', 'corrected v1', 'withdrawn v2', 'withdrawn v1']);
});

test('a correction republishes under the same address; both versions stay archived', async () => {
  const notice = await submitAccepted(t, comms, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Vannavstengning tirsdag'));
  await waitForState(notice.id, 'published');
  const corrected = await call(comms, 'PUT', `/v1/notices/${notice.id}`, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Vannavstengning onsdag'));
  assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
  assert.equal(corrected.body.version, 2);
  await waitForState(notice.id, 'published');
  await waitFor('the page to show version 2', async () => readFileSync(pageOf(notice.id), 'utf8').includes('Vannavstengning onsdag'));

  const { rows } = await t.db.pool.query<{ notice_version: number; state: string }>('SELECT notice_version, state FROM publications WHERE notice_id = $1 ORDER BY notice_version', [notice.id]);
  assert.deepEqual(rows, [{ notice_version: 1, state: 'superseded' }, { notice_version: 2, state: 'published' }]);
  const mine = await t.db.pool.query<{ event: string; notice_version: number; content: Buffer }>(
    'SELECT event, notice_version, content FROM archive_records WHERE notice_id = $1 ORDER BY id',
    [notice.id],
  );
  assert.deepEqual(mine.rows.map((r) => `${r.event} v${r.notice_version}`), ['published v1', 'corrected v1', 'published v2']);
  assert.match(mine.rows[0]?.content.toString() ?? '', /Vannavstengning tirsdag/);
  assert.match(mine.rows[2]?.content.toString() ?? '', /Vannavstengning onsdag/);

  const otherType = await call(comms, 'PUT', `/v1/notices/${notice.id}`, { ...example('event'), channels: ['website'] });
  assert.equal(otherType.status, 400);
});
