import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DateTime } from 'luxon';
import type { PublicJournal } from '../../src/archive/journal/index.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { example } from '../helpers/examples.ts';
import { archiveRecords, submitAccepted } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from '../publishing/facebook-scene.ts';

// The public journal: every post on every channel and every comment received, per day, with no key —
// and with what must be screened replaced before it leaves the server: the commenter's name, and the
// title of an agenda item dealt with behind closed doors (rules/meeting.yaml marks it screened).

const CLOSED_ITEM = 'Tilsetting av rådmann Ola Nordmann';
const COMMENTER = 'Kari Kommentarsen';
let s: FacebookScene;
let meeting: NoticeView;
const today = DateTime.now().setZone('Europe/Oslo').toISODate() ?? '';

before(async () => {
  s = await facebookScene({ facebook: { harvestEveryMs: 250 } });
  const notice = example('meeting');
  notice.title = 'Møte i formannskapet';
  notice.channels = ['website', 'facebook'];
  notice.publishAt = new Date().toISOString();
  notice.fields.agenda = [
    { number: 'PS 1/30', title: 'Budsjett 2031' },
    { number: 'PS 2/30', title: CLOSED_ITEM, closed: true, legalBasis: 'kommuneloven § 11-5 andre ledd' },
  ];
  meeting = await submitAccepted(s.t, s.comms, notice);
  await s.waitForState(meeting.id, 'published');
  const post = s.fake.posts(ASNES_PAGE).find((p) => p.message.includes('formannskapet'));
  assert.ok(post);
  s.fake.addComment(post.id, { name: COMMENTER, message: `Hei, jeg heter ${COMMENTER} og lurer på sak 2.` });
  await s.waitFor(async () => ((await archiveRecords(s.t.db.pool)).some((r) => r.event === 'comment' && r.seq !== null) ? true : undefined));
  await s.waitFor(async () => ((await archiveRecords(s.t.db.pool)).every((r) => r.seq !== null) ? true : undefined));
});
after(() => s.close());

const journal = (query = '', accept = 'application/json') => s.t.app.inject({ url: `/public/asnes/journal${query}`, headers: { accept } });

test('no key needed: each post on each channel and the comment, numbered per year, per day', async () => {
  const res = await journal(`?from=${today}&to=${today}`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json<PublicJournal>();
  assert.equal(body.days.length, 1);
  const entries = body.days[0]?.entries ?? [];
  const year = today.slice(0, 4);
  // Numbered in the order the records reached the archive (which of the three that is depends on the
  // workers' timing: the comment can be harvested before the website page is out on a busy machine).
  assert.deepEqual(entries.map((e) => e.journalpost), [`${year}/1`, `${year}/2`, `${year}/3`]);
  assert.deepEqual(entries.map((e) => e.case), [`${year}/1`, `${year}/1`, `${year}/1`]);
  assert.deepEqual(
    entries.map((e) => [e.journalpostType, e.channel, e.status]).sort(),
    [
      ['Inngående dokument', 'facebook', 'Mottatt'],
      ['Utgående dokument', 'facebook', 'Ekspedert'],
      ['Utgående dokument', 'website', 'Ekspedert'],
    ],
  );
  const website = entries.find((e) => e.channel === 'website');
  assert.ok(website);
  assert.equal(website.title, 'Møte i formannskapet (nettsted)');
  assert.deepEqual(website.correspondent, { type: 'Mottaker', name: 'Publiseringskanal: kommunens nettsted' });
  assert.match(website.url ?? '', /^http:\/\/127\.0\.0\.1:3000\/public\/asnes\//);
});

test('screened: the closed item title and the commenter never leave the server, in JSON or HTML', async () => {
  const json = await journal(`?from=${today}&to=${today}`);
  const page = await journal(`?from=${today}&to=${today}`, 'text/html,application/xhtml+xml');
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.match(page.body, /<h1>Offentlig journal/);
  for (const body of [json.body, page.body]) {
    assert.ok(!body.includes('Ola Nordmann'), 'the closed item title leaked');
    assert.ok(!body.includes('Kommentarsen'), 'the commenter leaked');
    assert.ok(body.includes('******'));
  }
  const entries = json.json<PublicJournal>().days[0]?.entries ?? [];
  const website = entries.find((e) => e.channel === 'website');
  const agenda = (website?.fields?.agenda ?? []) as { title: string }[];
  assert.deepEqual(agenda.map((a) => a.title), ['Budsjett 2031', '******']);
  assert.deepEqual(website?.screening, [{ metadata: 'Skjerming tittel mappe - utvalgte ord', basis: 'offentleglova § 13' }]);
  const comment = entries.find((e) => e.journalpostType === 'Inngående dokument');
  assert.ok(comment);
  assert.deepEqual(comment.correspondent, { type: 'Avsender', name: '******' });
  assert.equal(comment.title, 'Kommentar på Facebook til «Møte i formannskapet»');
  assert.equal(comment.screening[0]?.metadata, 'Skjerming navn avsender');
  // The archive itself keeps everything: archivists read the comment as it came.
  const stored = (await archiveRecords(s.t.db.pool)).find((r) => r.event === 'comment');
  assert.ok(stored?.content.toString('utf8').includes(COMMENTER));
});

test('periods: the last week by default; from after to, a bad date or more than 31 days is a 400 problem', async () => {
  const week = (await journal()).json<PublicJournal>();
  assert.equal(week.to, today);
  assert.equal(week.days.length, 1);
  for (const query of ['?from=2026-05-02&to=2026-05-01', '?from=2026-01-01&to=2026-02-01', '?from=2026-02-30', '?to=yesterday']) {
    const res = await journal(query);
    assert.equal(res.statusCode, 400, query);
    assert.match(String(res.headers['content-type']), /problem\+json/);
  }
  assert.equal((await journal('?from=2026-01-01&to=2026-01-31')).statusCode, 200);
  const nobody = await s.t.app.inject({ url: '/public/nowhere/journal' });
  assert.equal(nobody.statusCode, 404);
});
