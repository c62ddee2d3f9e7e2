import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createNewspaperChannel } from '../../src/channels/newspaper/index.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { publishNewspaperIssue } from '../../src/publishing/newspaper-batch.ts';
import { buildTestApp, shippedDirectory, type TestApp } from '../helpers/app.ts';
import { archiveRecords, type Problem } from '../helpers/workers.ts';
import { BEFORE_DEADLINE, DEADLINE, sha256, submitNewspaperNotices } from '../channels/newspaper/support.ts';

// The paper's proof: a page number or a tear sheet moves a delivered ad to published and archives the
// proof; an ad still unconfirmed after its confirm-by date is flagged for someone to call the paper.

let t: TestApp;
let comms: string;
let now = BEFORE_DEADLINE;
let notices: { notice: NoticeView; publicationId: string }[];

before(async () => {
  t = await buildTestApp({ clock: () => now });
  comms = await t.key('asnes', 'communications');
  notices = await submitNewspaperNotices(t, comms, 3, 'Bekreft');
  const clock = () => new Date(DEADLINE.getTime() + 1000);
  const newspaper = createNewspaperChannel({ directoryRoot: join(t.dataDir, 'newspapers'), clock });
  // Two are delivered at the deadline; the third is withdrawn first, so it never is.
  const third = notices[2];
  assert.ok(third);
  await t.app.inject({ method: 'POST', url: `/v1/notices/${third.notice.id}/withdraw`, headers: { authorization: `Bearer ${comms}` }, payload: { reason: 'Feil dato' } });
  await publishNewspaperIssue({ pool: t.db.pool, directory: shippedDirectory(), newspaper, leaseMs: 5000, clock }, notices[0]?.publicationId ?? '', false);
});
after(() => t.close());

function confirm(id: string, body: unknown, key = comms, channel = 'newspaper') {
  return t.app.inject({ method: 'POST', url: `/v1/notices/${id}/publications/${channel}/confirm`, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}

async function get(id: string): Promise<NoticeView> {
  return (await t.app.inject({ method: 'GET', url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${comms}` } })).json<NoticeView>();
}

const paperOf = (view: NoticeView) => view.publications.find((p) => p.channel === 'newspaper');
const first = () => notices[0]?.notice.id ?? '';
const second = () => notices[1]?.notice.id ?? '';

test('delivered, not yet due for proof: confirm by two days after the issue, not flagged', async () => {
  now = new Date('2030-03-07T12:00:00Z');
  const view = await get(first());
  assert.equal(paperOf(view)?.state, 'delivered');
  assert.equal(paperOf(view)?.confirmBy, '2030-03-07');
  assert.equal(paperOf(view)?.unconfirmed, false);
  assert.deepEqual(view.attention, []);
});

test('the day after confirm-by, still delivered: flagged in the list and the single notice', async () => {
  now = new Date('2030-03-07T23:00:00Z'); // 8 March 00:00 in Oslo
  const list = (await t.app.inject({ method: 'GET', url: '/v1/notices', headers: { authorization: `Bearer ${comms}` } })).json<{ items: NoticeView[] }>();
  const flagged = list.items.filter((n) => n.attention.includes('newspaper.unconfirmed')).map((n) => n.id).sort();
  assert.deepEqual(flagged, [first(), second()].sort(), 'both delivered ads, not the withdrawn one');
  assert.equal(paperOf(await get(first()))?.unconfirmed, true);
});

test('confirm with a page number: published, the flag gone, the proof archived', async () => {
  const res = await confirm(first(), { page: 12, note: 'Side 12, nederst' });
  assert.equal(res.statusCode, 200, res.body);
  const view = res.json<NoticeView>();
  assert.equal(paperOf(view)?.state, 'published');
  assert.equal(paperOf(view)?.unconfirmed, false);
  assert.deepEqual(view.attention, []);
  const record = (await archiveRecords(t.db.pool)).find((r) => r.event === 'published' && r.publicationId === notices[0]?.publicationId);
  assert.ok(record);
  assert.deepEqual(JSON.parse(record.content.toString('utf8')), { confirmation: 'page', page: 12, note: 'Side 12, nederst' });
  const receipt = record.receipt ?? {};
  assert.equal(receipt.page, 12);
  assert.equal(receipt.issueDate, '2030-03-05');
  assert.equal((receipt.confirmedBy as { role: string }).role, 'communications');
});

test('confirming twice: 409, problem+json', async () => {
  const res = await confirm(first(), { page: 12 });
  assert.equal(res.statusCode, 409);
  assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(res.json<Problem>().type, '/docs/errors#herald_err_publication_state');
});

test('a tear sheet PDF: archived byte for byte, its checksum in the receipt', async () => {
  const pdf = Buffer.from('%PDF-1.4\n% tear sheet of Glåmdalen page 7\n%%EOF\n');
  const admin = await t.key('asnes', 'admin');
  const res = await confirm(second(), { tearSheet: { filename: 'glamdalen-2030-03-05-s7.pdf', contentBase64: pdf.toString('base64') } }, admin);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(paperOf(res.json<NoticeView>())?.state, 'published');
  const record = (await archiveRecords(t.db.pool)).find((r) => r.event === 'published' && r.publicationId === notices[1]?.publicationId);
  assert.ok(record);
  assert.ok(record.content.equals(pdf));
  assert.deepEqual(record.receipt?.tearSheet, { sha256: sha256(pdf), bytes: pdf.length, filename: 'glamdalen-2030-03-05-s7.pdf' });
});

test('roles: hr and archivist may not confirm (403); another municipality sees no such notice (404)', async () => {
  for (const role of ['hr', 'archivist'] as const) {
    const res = await confirm(first(), { page: 3 }, await t.key('asnes', role));
    assert.equal(res.statusCode, 403, role);
    assert.equal(res.json<Problem>().type, '/docs/errors#herald_err_auth_role');
  }
  const other = await confirm(first(), { page: 3 }, await t.key('karasjok', 'communications'));
  assert.equal(other.statusCode, 404);
  assert.equal(other.json<Problem>().type, '/docs/errors#herald_err_not_found');
});

test('bad input is a 4xx naming the field, never a 500', async () => {
  const cases: [string, unknown, number, string, string?][] = [
    ['neither page nor tear sheet', {}, 400, '/page'],
    ['page 0', { page: 0 }, 400, '/page'],
    ['page as a string', { page: '12' }, 400, '/page'],
    ['an unknown field', { page: 1, pages: 2 }, 400, '/pages'],
    ['a tear sheet that is not base64', { tearSheet: { contentBase64: '<<not base64>>' } }, 400, '/tearSheet/contentBase64'],
    ['a tear sheet that is not a PDF', { tearSheet: { contentBase64: Buffer.from('GIF89a not a pdf').toString('base64') } }, 400, '/tearSheet/contentBase64'],
    ['a paper it did not go to', { page: 1, target: 'vg' }, 404, ''],
  ];
  for (const [what, body, status, path] of cases) {
    const res = await confirm(second(), body);
    assert.equal(res.statusCode, status, `${what}: ${res.body}`);
    if (path) assert.ok(res.json<Problem>().errors?.some((e) => e.path === path), `${what} names ${path}: ${res.body}`);
  }
  const website = await confirm(second(), { page: 1 }, comms, 'website');
  assert.equal(website.statusCode, 400);
  assert.ok(website.json<Problem>().errors?.some((e) => e.path === '/params/channel'), website.body);
  const badId = await t.app.inject({ method: 'POST', url: '/v1/notices/not-a-uuid/publications/newspaper/confirm', headers: { authorization: `Bearer ${comms}`, 'content-type': 'application/json' }, payload: '{"page":1}' });
  assert.equal(badId.statusCode, 400);
});

test('an ad not delivered (withdrawn before its deadline) cannot be confirmed: 409', async () => {
  const res = await confirm(notices[2]?.notice.id ?? '', { page: 4 });
  assert.equal(res.statusCode, 409, res.body);
});
