import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { NoticeInput } from '../../src/notices/types.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { submitNotice, type Problem } from '../helpers/workers.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { BEFORE_DEADLINE, newspaperAnnouncement } from '../channels/newspaper/support.ts';

// Booking at intake: the earliest issue whose deadline is still ahead, shown in the answer; a notice
// whose legal date no issue can meet is refused at once with the issue dates; so is an ad too tall.

let t: TestApp;
let key: string;
let now = BEFORE_DEADLINE;

before(async () => {
  t = await buildTestApp({ clock: () => now });
  key = await t.key('asnes', 'communications');
});
after(() => t.close());

const newspaperOf = (notice: NoticeView) => notice.publications.find((p) => p.channel === 'newspaper');

test('a minute before Friday noon: booked into Tuesday; a minute after: into Wednesday (Monday has closed)', async () => {
  now = BEFORE_DEADLINE;
  const early = await submitNotice(t, key, newspaperAnnouncement('Før fristen'));
  assert.equal(early.status, 201);
  const paper = newspaperOf(early.body as NoticeView);
  assert.ok(paper);
  assert.equal(paper.issueDate, '2030-03-05');
  assert.equal(paper.target, 'glamdalen');
  assert.equal(paper.scheduledAtLocal, '2030-03-01T12:00:00.000+01:00', 'the worker acts at the booking deadline');

  now = new Date('2030-03-01T11:01:00Z');
  const late = await submitNotice(t, key, newspaperAnnouncement('Etter fristen'));
  assert.equal(newspaperOf(late.body as NoticeView)?.issueDate, '2030-03-06');
});

function meetingOn(start: string): NoticeInput {
  const notice = example('meeting');
  return { ...notice, channels: ['website', 'newspaper'], fields: { ...notice.fields, start, end: start.replace('T18:00', 'T21:00') } };
}

test('a meeting on Monday evening cannot be in Tuesday\'s paper: 422 naming the issue dates, nothing stored', async () => {
  now = BEFORE_DEADLINE;
  const count = async () => ((await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM notices')).rows[0]?.n ?? -1);
  const before = await count();
  const { status, body } = await submitNotice(t, key, meetingOn('2030-03-04T18:00'));
  assert.equal(status, 422);
  const problem = body as Problem;
  assert.equal(problem.type, '/docs/errors#herald_err_notice_rules');
  const error = problem.errors?.find((e) => e.rule === 'newspaper.no_issue');
  assert.ok(error, JSON.stringify(problem.errors));
  assert.equal(error.path, '/fields/start');
  assert.match(error.message, /Glåmdalen/);
  assert.match(error.message, /2030-03-05 \(bestillingsfrist 2030-03-01 12:00\); deretter 2030-03-06, 2030-03-07, 2030-03-08/);
  assert.match(error.message, /meeting\.publish\.before/);
  assert.equal(await count(), before, 'nothing stored');
});

test('the same meeting a week later is fine; the English message names the dates too', async () => {
  now = BEFORE_DEADLINE;
  assert.equal((await submitNotice(t, key, meetingOn('2030-03-11T18:00'))).status, 201);
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/notices/validate',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'accept-language': 'en' },
    payload: JSON.stringify(meetingOn('2030-03-04T18:00')),
  });
  const dry = res.json<{ valid: boolean; errors: { rule: string; message: string }[] }>();
  assert.equal(dry.valid, false);
  assert.match(dry.errors.find((e) => e.rule === 'newspaper.no_issue')?.message ?? '', /first that can be booked is 2030-03-05 \(booking closes 2030-03-01 12:00\); then 2030-03-06/);
});

test('a hearing whose six weeks would be met from the website but not from the paper\'s issue: refused, naming the issues', async () => {
  now = BEFORE_DEADLINE;
  const plan = example('plan-ettersyn');
  // 42 days after Friday 1 March is 12 April; from Tuesday 5 March's issue it is 38 days.
  const { status, body } = await submitNotice(t, key, { ...plan, fields: { ...plan.fields, commentDeadline: '2030-04-12' } });
  assert.equal(status, 422);
  const errors = (body as Problem).errors ?? [];
  assert.ok(errors.some((e) => e.rule === 'plan.ettersyn.frist'), 'the period rule itself');
  const error = errors.find((e) => e.rule === 'newspaper.no_issue');
  assert.ok(error, JSON.stringify(errors));
  assert.equal(error.path, '/fields/commentDeadline');
  assert.match(error.message, /2030-03-05/);
});

test('an ad taller than the paper allows is refused at intake, naming both heights', async () => {
  now = BEFORE_DEADLINE;
  const long = newspaperAnnouncement('Lang tekst');
  long.body = Array.from({ length: 40 }, (_, i) => `Avsnitt ${i + 1}: Dette er en lang kunngjøring med mye tekst om vann, vei og avløp i Flisa.`).join('\n\n');
  const { status, body } = await submitNotice(t, key, long);
  assert.equal(status, 422);
  const error = (body as Problem).errors?.find((e) => e.rule === 'newspaper.ad_too_tall');
  assert.ok(error);
  assert.equal(error.path, '/body');
  assert.match(error.message, /Glåmdalen blir \d+ mm høy, men avisen tar høyst 200 mm \(2 spalter à 46 mm\)/);
});
