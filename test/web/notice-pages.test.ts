import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { createWebAccount, type WebAccount } from './accounts.ts';
import { formFields, signInInject, type InjectSession } from './inject-session.ts';

let t: TestApp;
let hr: InjectSession;
let comms: InjectSession;
let approver: InjectSession;
let archivist: InjectSession;
let karasjok: InjectSession;
let nynorsk: InjectSession;

const accounts: Record<string, WebAccount> = {};

before(async () => {
  t = await buildTestApp();
  for (const [name, tenant, role] of [
    ['hr', 'asnes', 'hr'],
    ['comms', 'asnes', 'communications'],
    ['approver', 'asnes', 'communications'],
    ['archivist', 'asnes', 'archivist'],
    ['karasjok', 'karasjok', 'communications'],
    ['nynorsk', 'asnes', 'hr'],
  ] as const) {
    accounts[name] = await createWebAccount(t.db.pool, tenant, role, `${name} user`);
  }
  const signIn = (name: string) => {
    const account = accounts[name];
    assert.ok(account);
    return signInInject(t.app, account);
  };
  hr = await signIn('hr');
  comms = await signIn('comms');
  approver = await signIn('approver');
  archivist = await signIn('archivist');
  karasjok = await signIn('karasjok');
  nynorsk = await signIn('nynorsk');
});
after(() => t.close());

/** The form's fields for a notice, plus the buttons and hidden fields a browser sends. */
function submission(notice: object, ...extra: [string, string][]): URLSearchParams {
  const fields = formFields(notice);
  for (const [name, value] of extra) fields.set(name, value);
  return fields;
}

async function noticeCount(): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM notices');
  return Number(rows[0]?.n ?? -1);
}

/** The messages shown beside the control at `pointer`. */
function messagesFor(body: string, pointer: string): string {
  const start = body.indexOf(`data-messages-for="${pointer}"`);
  assert.ok(start >= 0, `a message box for ${pointer}`);
  return body.slice(start, body.indexOf('</div>', start));
}

function noticeIdOf(location: unknown): string {
  const id = /^\/app\/notices\/([0-9a-f-]{36})\?done=saved$/.exec(String(location))?.[1];
  assert.ok(id, `redirected to the notice page, not ${String(location)}`);
  return id;
}

test('the vacancy form is generated from the rule file, in the user language, for roles that may submit it', async () => {
  const page = await hr.get('/app/notices/new?type=vacancy');
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /text\/html/);
  for (const label of ['Stillingstittel', 'Søknadsfrist', 'Kontaktpersoner', 'Ansettelsesform']) assert.ok(page.body.includes(label), label);
  assert.match(page.body, /name="\/fields\/contacts\/0\/phone"/);
  assert.match(page.body, /notice-form\.js/);

  const chooser = await hr.get('/app/notices/new');
  assert.equal(chooser.statusCode, 200);
  assert.match(chooser.body, /type=vacancy/);
  assert.doesNotMatch(chooser.body, /type=plan/, 'HR may not submit plans');

  assert.equal((await archivist.get('/app/notices/new?type=vacancy')).statusCode, 403);
  // Archivists may submit no type at all: the picker is refused with the 403 page, not shown empty.
  const empty = await archivist.get('/app/notices/new');
  assert.equal(empty.statusCode, 403);
  assert.match(String(empty.headers['content-type']), /text\/html/);
  assert.doesNotMatch(empty.body, /notices\/new\?type=/);
  assert.equal((await hr.get('/app/notices/new?type=plan')).statusCode, 403);
  const unknown = await hr.get('/app/notices/new?type=nonsense');
  assert.equal(unknown.statusCode, 404);
  assert.match(String(unknown.headers['content-type']), /text\/html/);
});

test('a vacancy that breaks rules is shown again with each message beside its field, and nothing is stored', async () => {
  const notice = example('vacancy');
  notice.body = `${notice.body.replace(/Opplysninger om søkeren[^.]*\./, '')}\nVi søker deg som er under 40 år.`;
  delete (notice.fields).position;
  const answer = await hr.post('/app/notices/new?type=vacancy', submission(notice, ['_action', 'submit']));
  assert.equal(answer.statusCode, 422);
  assert.match(String(answer.headers['content-type']), /text\/html/);
  assert.match(messagesFor(answer.body, '/fields/position'), /finding-error/);
  const body = messagesFor(answer.body, '/body');
  assert.match(body, /offentleglova/, 'the § 25 statement is missing, with its legal source');
  assert.match(body, /aldersgrense/);
  assert.match(answer.body, /class="error-summary"/);
  // The lawful window before submitting: the deadline must be after publication, and should be 14 days after.
  const window = answer.body.slice(answer.body.indexOf('data-window'));
  assert.match(window, /Søknadsfrist må være [^<]+ eller senere/);
  assert.match(window, /Søknadsfrist bør være [^<]+ eller senere \(<a href="https:\/\/lovdata\.no/);
  assert.match(answer.body, /<ul data-plan><li><strong>Nettsiden<\/strong>/);
  // What was written stays in the form.
  assert.ok(answer.body.includes('Flisa'));
  assert.equal(await noticeCount(), 0);
});

test('a nynorsk user sees the findings in nynorsk, whatever the browser prefers', async () => {
  assert.equal((await nynorsk.post('/app/language', { lang: 'nn', next: '/app' })).statusCode, 303);
  const form = await nynorsk.get('/app/notices/new?type=vacancy');
  // The live validation asks the API in the page's language.
  assert.match(form.body, /<html lang="nn">/);
  const notice = example('vacancy');
  notice.body = `${notice.body.replace(/Opplysninger om søkeren[^.]*\./, '')}\nVi søker deg som er under 40 år.`;
  const fields = submission(notice, ['_action', 'submit']);
  fields.set('_csrf', nynorsk.csrf);
  const answer = await t.app.inject({
    method: 'POST',
    url: '/app/notices/new?type=vacancy',
    headers: { cookie: nynorsk.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'nb-NO,en;q=0.5' },
    payload: fields.toString(),
  });
  assert.equal(answer.statusCode, 422);
  const body = messagesFor(answer.body, '/body');
  assert.match(body, /Utlysinga må opplyse om at opplysningar om søkjaren kan bli gjorde offentlege/);
  assert.match(body, /Utlysinga set ei aldersgrense/);
  assert.doesNotMatch(body, /Utlysningen/);
  assert.equal(await noticeCount(), 0);
});

test('a nynorsk user reads the days of the plan in nynorsk', async () => {
  assert.equal((await nynorsk.post('/app/language', { lang: 'nn', next: '/app' })).statusCode, 303);
  const week = await nynorsk.get('/app/plan?view=week&date=2026-12-05');
  assert.equal(week.statusCode, 200);
  assert.match(week.body, /<h3>laurdag 5\. desember<\/h3>/);
  assert.match(week.body, /<h3>tysdag 1\. desember<\/h3>/);
  assert.doesNotMatch(week.body, /lørdag|tirsdag/);
  assert.match((await hr.get('/app/plan?view=week&date=2026-12-05')).body, /<h3>lørdag 5\. desember<\/h3>/, 'bokmål for a bokmål user');
});

test('a valid vacancy is stored, shown on its page, in the plan, and a double submit stores it once', async () => {
  const fields = submission(example('vacancy'), ['_action', 'submit'], ['_key', 'double-click-1']);
  const first = await hr.post('/app/notices/new?type=vacancy', fields);
  assert.equal(first.statusCode, 303, first.body.slice(0, 2000));
  const id = noticeIdOf(first.headers.location);
  const again = await hr.post('/app/notices/new?type=vacancy', fields);
  assert.equal(noticeIdOf(again.headers.location), id);
  assert.equal(await noticeCount(), 1);

  const page = await hr.get(`/app/notices/${id}?done=saved`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('Sykepleier ved Åsnes helsetun'));
  assert.match(page.body, /Kunngjøringen er lagret/);
  assert.match(page.body, /Nettsiden/);

  const plan = await hr.get('/app/plan');
  assert.equal(plan.statusCode, 200);
  assert.ok(plan.body.includes(`/app/notices/${id}`), 'the plan links the notice');
  assert.equal((await hr.get('/app/plan?view=month&date=not-a-date')).statusCode, 200);

  const website = await hr.get(`/app/notices/${id}/preview/website`);
  assert.equal(website.statusCode, 200);
  assert.match(website.body, /"@type":\s*"JobPosting"/, 'the website channel\'s own page, JSON-LD included');
  const tooLong = await hr.get(`/app/notices/${id}/preview/newspaper`);
  assert.equal(tooLong.statusCode, 422, 'the example vacancy is longer than Glåmdalen takes');
  assert.match(tooLong.body, /allows at most 200 mm/);
  const post = await hr.get(`/app/notices/${id}/preview/facebook`);
  assert.equal(post.statusCode, 200);
  assert.match(post.body, /<meter id="fb-length" min="0" max="63206" value="\d+"/);
  assert.match(post.body, /Ledig stilling: Sykepleier ved Åsnes helsetun/);
  assert.equal((await hr.get(`/app/notices/${id}/preview/radio`)).statusCode, 404);
  assert.equal((await karasjok.get(`/app/notices/${id}/preview/website`)).statusCode, 404);

  assert.equal((await karasjok.get(`/app/notices/${id}`)).statusCode, 404, 'another municipality sees nothing');
  assert.equal((await hr.get('/app/notices/not-a-uuid')).statusCode, 404);
});

test('a plan needs a second person: the approval queue, approval by another user, withdrawal with a reason', async () => {
  const notice = { ...example('plan-ettersyn'), channels: ['website', 'newspaper'] };
  const submitted = await comms.post('/app/notices/new?type=plan', submission(notice, ['_action', 'submit']));
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 3000));
  const id = noticeIdOf(submitted.headers.location);

  const own = await comms.get('/app/approvals');
  assert.match(own.body, /en annen må godkjenne/);
  const self = await comms.post(`/app/notices/${id}/approve`, {});
  assert.equal(self.statusCode, 403);
  assert.match(String(self.headers['content-type']), /text\/html/);

  const ad = await approver.get(`/app/notices/${id}/preview/newspaper`);
  assert.equal(ad.headers['content-type'], 'application/pdf');
  assert.equal(ad.rawPayload.subarray(0, 5).toString(), '%PDF-');

  const queue = await approver.get('/app/approvals');
  assert.ok(queue.body.includes(`/app/notices/${id}/approve`));
  const approved = await approver.post(`/app/notices/${id}/approve`, {});
  assert.equal(approved.statusCode, 303);
  assert.equal((await karasjok.post(`/app/notices/${id}/approve`, {})).statusCode, 404);

  const noCsrf = await comms.post(`/app/notices/${id}/withdraw`, { reason: 'Planforslaget trekkes' }, { csrf: false });
  assert.equal(noCsrf.statusCode, 403);
  const noReason = await comms.post(`/app/notices/${id}/withdraw`, { reason: ' ' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Oppgi en begrunnelse/);
  assert.equal((await hr.post(`/app/notices/${id}/withdraw`, { reason: 'Ikke min sak' })).statusCode, 403);
  const { rows: before } = await t.db.pool.query<{ status: string }>('SELECT status FROM notices WHERE id = $1', [id]);
  assert.equal(before[0]?.status, 'scheduled');

  const withdrawn = await comms.post(`/app/notices/${id}/withdraw`, { reason: 'Planforslaget trekkes for ny behandling' });
  assert.equal(withdrawn.statusCode, 303);
  const page = await comms.get(`/app/notices/${id}?done=withdrawn`);
  assert.match(page.body, /Trukket tilbake/);
});

test('a correction through the form makes a new version', async () => {
  const submitted = await hr.post('/app/notices/new?type=vacancy', submission(example('vacancy'), ['_action', 'submit']));
  const id = noticeIdOf(submitted.headers.location);
  const form = await hr.get(`/app/notices/${id}/edit`);
  assert.equal(form.statusCode, 200);
  assert.ok(form.body.includes('Kari Nordby'), 'the stored values fill the form');
  const corrected = { ...example('vacancy'), title: 'Sykepleier ved Åsnes helsetun – rettet' };
  const answer = await hr.post(`/app/notices/${id}/edit`, submission(corrected, ['_action', 'submit']));
  assert.equal(answer.statusCode, 303, answer.body.slice(0, 2000));
  const { rows } = await t.db.pool.query<{ version: number }>('SELECT current_version AS version FROM notices WHERE id = $1', [id]);
  assert.equal(rows[0]?.version, 2);
  const stale = await hr.post(`/app/notices/${id}/edit`, submission(corrected, ['_action', 'submit'], ['_version', '1']));
  assert.equal(stale.statusCode, 409, 'a form opened before the last correction does not overwrite it');
  assert.equal((await comms.get(`/app/notices/${id}/edit`)).statusCode, 403, 'only the submitter role or an admin corrects');
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('an uploaded image is stored under its hash and served publicly; a file that is not an image, or one without alt text, is refused', async () => {
  const announcement = { ...example('announcement'), channels: ['website'] };
  delete (announcement as { attachments?: unknown }).attachments;
  const before = await noticeCount();

  const notImage = await comms.postMultipart('/app/notices/new?type=announcement', submission({ ...announcement, attachments: [{ altText: 'Kart over Flisa sentrum' }] }, ['_action', 'submit']), {
    '/attachments/0/file': { name: 'kart.png', type: 'image/png', bytes: Buffer.from('#!/bin/sh\necho not an image\n') },
  });
  assert.equal(notImage.statusCode, 422);
  assert.match(messagesFor(notImage.body, '/attachments/0/file'), /ikke et bilde/);

  const noAlt = await comms.postMultipart('/app/notices/new?type=announcement', submission(announcement, ['_action', 'submit']), {
    '/attachments/0/file': { name: 'kart.png', type: 'image/png', bytes: PNG },
  });
  assert.equal(noAlt.statusCode, 422);
  assert.match(noAlt.body, /alternativ tekst/);
  assert.equal(await noticeCount(), before, 'nothing stored');

  const stored = await comms.postMultipart('/app/notices/new?type=announcement', submission({ ...announcement, attachments: [{ altText: 'Kart over Flisa sentrum' }] }, ['_action', 'submit']), {
    '/attachments/0/file': { name: 'kart.png', type: 'image/png', bytes: PNG },
  });
  assert.equal(stored.statusCode, 303, stored.body.slice(0, 3000));
  const id = noticeIdOf(stored.headers.location);
  const { rows } = await t.db.pool.query<{ content: { attachments: { url: string; altText: string }[] } }>(
    'SELECT v.content FROM notice_versions v JOIN notices n ON n.id = v.notice_id AND n.current_version = v.version WHERE n.id = $1',
    [id],
  );
  const url = rows[0]?.content.attachments[0]?.url ?? '';
  assert.match(url, /\/public\/asnes\/media\/[0-9a-f]{64}\.png$/);
  const image = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
  assert.equal(image.statusCode, 200);
  assert.ok(image.rawPayload.equals(PNG));
});
