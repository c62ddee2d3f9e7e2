import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createNewspaperChannel } from '../../src/channels/newspaper/index.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { publishNewspaperIssue } from '../../src/publishing/newspaper-batch.ts';
import { buildTestApp, shippedDirectory, type TestApp } from '../helpers/app.ts';
import type { Problem } from '../helpers/workers.ts';
import { BEFORE_DEADLINE, DEADLINE, ISSUE, submitNewspaperNotices } from '../channels/newspaper/support.ts';

// Withdrawing a notice whose ad has gone to the paper: the answer says what must be done (ask the paper
// to pull it before its issue, or print a correction after), and a correction notice can be booked.

let t: TestApp;
let comms: string;
let now = BEFORE_DEADLINE;
let notices: { notice: NoticeView; publicationId: string }[];

before(async () => {
  t = await buildTestApp({ clock: () => now });
  comms = await t.key('asnes', 'communications');
  notices = await submitNewspaperNotices(t, comms, 3, 'Trekk');
  const clock = () => new Date(DEADLINE.getTime() + 1000);
  const newspaper = createNewspaperChannel({ directoryRoot: join(t.dataDir, 'newspapers'), clock });
  // The third is withdrawn before the deadline: it never goes to the paper.
  await withdraw(notices[2]?.notice.id ?? '');
  await publishNewspaperIssue({ pool: t.db.pool, directory: shippedDirectory(), newspaper, leaseMs: 5000, clock }, notices[0]?.publicationId ?? '', false);
});
after(() => t.close());

function withdraw(id: string) {
  return t.app.inject({ method: 'POST', url: `/v1/notices/${id}/withdraw`, headers: { authorization: `Bearer ${comms}` }, payload: { reason: 'Feil dato i kunngjøringen' } });
}

function bookCorrection(id: string, body: unknown = {}, key = comms) {
  return t.app.inject({ method: 'POST', url: `/v1/notices/${id}/newspaper-correction`, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}

const paperOf = (view: NoticeView) => view.publications.find((p) => p.channel === 'newspaper');

test('withdrawn before the deadline: no follow-up, and no correction to book', async () => {
  const id = notices[2]?.notice.id ?? '';
  const view = (await t.app.inject({ method: 'GET', url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${comms}` } })).json<NoticeView>();
  assert.equal(paperOf(view)?.followUp, null);
  const res = await bookCorrection(id);
  assert.equal(res.statusCode, 409, res.body);
  assert.match(res.json<Problem>().detail ?? '', /not handed to any newspaper/);
});

test('withdrawn after delivery, before the issue appears: ask the paper to pull it', async () => {
  now = new Date('2030-03-04T09:00:00Z');
  const res = await withdraw(notices[0]?.notice.id ?? '');
  assert.equal(res.statusCode, 200, res.body);
  const followUp = paperOf(res.json<NoticeView>())?.followUp;
  assert.equal(followUp?.action, 'pull');
  assert.equal(followUp.issueDate, ISSUE);
  assert.equal(followUp.paper, 'Glåmdalen');
  assert.match(followUp.instructions, /ta den ut av utgaven 2030-03-05/);
});

test('withdrawn after the issue appeared: a correction must be printed, and one can be booked', async () => {
  now = new Date('2030-03-06T09:00:00Z');
  const original = notices[1]?.notice;
  assert.ok(original);
  const res = await withdraw(original.id);
  assert.equal(res.statusCode, 200, res.body);
  const followUp = paperOf(res.json<NoticeView>())?.followUp;
  assert.equal(followUp?.action, 'correction');
  assert.match(followUp.instructions, new RegExp(`/v1/notices/${original.id}/newspaper-correction`));

  const booked = await bookCorrection(original.id);
  assert.equal(booked.statusCode, 201, booked.body);
  const correction = booked.json<NoticeView>();
  assert.equal(correction.type, 'announcement');
  assert.equal(correction.title, `Rettelse: ${original.title}`);
  assert.match(correction.body, /er trukket tilbake av kommunen/);
  assert.match(correction.body, /Glåmdalen 2030-03-05/);
  assert.deepEqual(correction.channels, ['website', 'newspaper']);
  // The next issue whose deadline (two working days before, 12:00) is still ahead of Wednesday 10:00: Friday.
  assert.equal(paperOf(correction)?.issueDate, '2030-03-08');
});

test('the correction text may be given; a rule it breaks is a 422 naming the rule', async () => {
  const id = notices[1]?.notice.id ?? '';
  const own = await bookCorrection(id, { title: 'Rettelse til annonse om trekk', body: 'Annonsen 5. mars er trukket.' });
  assert.equal(own.statusCode, 201, own.body);
  assert.equal(own.json<NoticeView>().title, 'Rettelse til annonse om trekk');
  const noContact = await bookCorrection(id, { fields: { contact: {} } });
  assert.equal(noContact.statusCode, 422, noContact.body);
  assert.ok(noContact.json<Problem>().errors?.some((e) => e.path.startsWith('/fields/contact')), noContact.body);
});

test('who may book: not another role, not another municipality; a notice not withdrawn is a 409', async () => {
  const id = notices[1]?.notice.id ?? '';
  const hr = await bookCorrection(id, {}, await t.key('asnes', 'hr'));
  assert.equal(hr.statusCode, 403, hr.body);
  const other = await bookCorrection(id, {}, await t.key('karasjok', 'communications'));
  assert.equal(other.statusCode, 404, other.body);
  const [fresh] = await submitNewspaperNotices(t, comms, 1, 'Aktiv');
  const active = await bookCorrection(fresh?.notice.id ?? '');
  assert.equal(active.statusCode, 409, active.body);
  const bad = await bookCorrection(id, { title: '' });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(bad.body, /title/);
});
