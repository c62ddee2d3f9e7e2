import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { NoticeView } from '../../src/notices/present.ts';
import type { NoticeInput } from '../../src/notices/types.ts';
import { isNationalIdNumber } from '../../src/rules/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { EXAMPLE_NAMES, example } from '../helpers/examples.ts';

let t: TestApp;
let hr: string;
let comms: string;
before(async () => {
  t = await buildTestApp();
  hr = await t.key('asnes', 'hr');
  comms = await t.key('asnes', 'communications');
});
after(async () => {
  await t.close();
});

interface Answer {
  status: number;
  body: NoticeView & { errors?: { rule: string; path: string; source?: { law: string } }[]; type: string };
}
async function post(key: string, notice: NoticeInput | object, headers: Record<string, string> = {}, url = '/v1/notices'): Promise<Answer> {
  const res = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}`, ...headers }, payload: notice });
  return { status: res.statusCode, body: res.json() };
}
const rulesOf = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.rule);
const count = async (table: string) => (await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? -1;

/** A fødselsnummer that passes both mod-11 checks (found, not hard-coded). */
function nationalIdNumber(): string {
  for (let individual = 100; individual < 1000; individual++) {
    for (let controls = 0; controls < 100; controls++) {
      const candidate = `150387${individual}${String(controls).padStart(2, '0')}`;
      if (isNationalIdNumber(candidate)) return candidate;
    }
  }
  throw new Error('no valid number found');
}

describe('every example is accepted and read back exactly as written', () => {
  for (const name of EXAMPLE_NAMES) {
    test(name, async () => {
      const notice = example(name);
      const created = await post(name === 'vacancy' ? hr : comms, notice);
      assert.equal(created.status, 201, JSON.stringify(created.body.errors));
      assert.ok(created.body.publications.length >= 1);
      for (const p of created.body.publications) {
        assert.match(p.scheduledAt, /Z$/);
        assert.match(p.scheduledAtLocal, /[+-]\d{2}:\d{2}$/);
        if (p.channel === 'newspaper') assert.match(p.issueDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
      }
      assert.equal(created.body.status, name.startsWith('plan') ? 'awaiting_approval' : 'scheduled');
      const read = await t.app.inject({ url: `/v1/notices/${created.body.id}`, headers: { authorization: `Bearer ${comms}` } });
      const stored = read.json<NoticeView>();
      assert.equal(stored.title, notice.title);
      assert.equal(stored.body, notice.body);
      assert.deepEqual(stored.fields, notice.fields);
      assert.match(stored.ruleVersion, /^[0-9a-f]{64}$/);
    });
  }
});

test('a plan hearing is booked into a newspaper issue and planned from its print date', async () => {
  const created = await post(comms, example('plan-ettersyn'));
  const channels = created.body.publications.map((p) => p.channel).sort();
  assert.deepEqual(channels, ['newspaper', 'website']);
  const paper = created.body.publications.find((p) => p.channel === 'newspaper');
  assert.ok(paper);
  assert.equal(paper.target, 'glamdalen');
  assert.ok(paper.scheduledAt < paper.appearsAt, 'booked at the deadline, before the issue day');
});

test('text is data: markup and emoji (a zero-width joiner inside one included) are stored exactly', async () => {
  const title = '<script>alert("x")</script> Møte om vei 🚧 👩\u200D💻';
  const created = await post(comms, { ...example('announcement'), title });
  assert.equal(created.status, 201);
  const { rows } = await t.db.pool.query<{ title: string }>(`SELECT content->>'title' AS title FROM notice_versions WHERE notice_id = $1`, [created.body.id]);
  assert.equal(rows[0]?.title, title);
});

describe('rules refuse with the rule id and its law; nothing is stored', () => {
  const cases: [string, () => NoticeInput, string, string][] = [
    ['a vacancy without the offentleglova § 25 warning', () => ({ ...example('vacancy'), body: 'Vi søker en sykepleier. Søk innen fristen.' }), 'vacancy.offl25.notice', hr],
    ['a vacancy with an age limit', () => ({ ...example('vacancy'), body: `${example('vacancy').body}\nSøkere må være under 40 år.` }), 'vacancy.nodiscrim.age', hr],
    ['a hearing with 41 days for comments', () => {
      // Website only (the newspaper requirement overridden) so publication is exactly publishAt: 6 Jan + 41 days.
      const notice = example('plan-ettersyn');
      const overrides = [{ rule: 'plan.ettersyn.newspaper', reason: 'Avisen har gått inn; kunngjort i annet lokalt medium.' }];
      return { ...notice, channels: ['website'], publishAt: '2031-01-06T09:00', overrides, fields: { ...notice.fields, commentDeadline: '2031-02-16' } };
    }, 'plan.ettersyn.frist', comms],
    ['a hearing without the newspaper', () => ({ ...example('plan-ettersyn'), channels: ['website'] }), 'plan.ettersyn.newspaper', comms],
    ['a meeting announced after it starts', () => ({ ...example('meeting'), publishAt: '2030-09-20T09:00' }), 'meeting.publish.before', comms],
    ['a fødselsnummer in the body', () => ({ ...example('announcement'), body: `Kontakt oss, oppgi ${nationalIdNumber()}.` }), 'common.offl.internet', comms],
    ['an image without alt text', () => ({ ...example('announcement'), attachments: [{ url: 'https://www.asnes.kommune.no/bilde.jpg' }] } as NoticeInput), 'common.uu.alt', comms],
    ['Facebook without the website', () => ({ ...example('announcement'), channels: ['facebook'] }), 'announcement.website_primary', comms],
  ];
  for (const [what, make, rule, role] of cases) {
    test(what, async () => {
      const before = await count('notices');
      const answer = await post(role === hr ? hr : comms, make());
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      assert.equal(answer.body.type, '/docs/errors#herald_err_notice_rules');
      const failure = answer.body.errors?.find((e) => e.rule === rule);
      assert.ok(failure, `${rule} not in ${rulesOf(answer).join(', ')}`);
      assert.ok(failure.path.startsWith('/'));
      assert.equal(await count('notices'), before);
    });
  }

  test('every failure comes back at once', async () => {
    const notice = { ...example('vacancy'), body: `Søkere må være under 40 år. Ring ${nationalIdNumber()}.`, attachments: [{ url: 'https://x.no/a.jpg', altText: '' }] };
    const rules = rulesOf(await post(hr, notice));
    for (const rule of ['vacancy.offl25.notice', 'vacancy.nodiscrim.age', 'common.offl.internet', 'common.uu.alt']) assert.ok(rules.includes(rule), `${rule} missing from ${rules.join(', ')}`);
  });

  test('a municipality in the Sami language area needs Sami and Norwegian', async () => {
    const karasjok = await t.key('karasjok', 'communications');
    const without = await post(karasjok, example('announcement'));
    assert.ok(rulesOf(without).includes('announcement.sami'), rulesOf(without).join(', '));
    const notice = example('announcement');
    const withSami = await post(karasjok, { ...notice, translations: [{ language: 'se', title: 'Čáhci giddejuvvo', body: 'Čáhci giddejuvvo ihkku.' }] });
    assert.ok(!rulesOf(withSami).includes('announcement.sami'));
  });
});

describe('overrides', () => {
  test('an overridable error overridden with a reason is kept as a warning with the reason', async () => {
    const reason = 'Sommerjobb for ungdom etter kommunens ungdomssatsing, vedtatt i sak 12/30.';
    const notice = { ...example('vacancy'), body: `${example('vacancy').body}\nSøkere må være under 40 år.`, overrides: [{ rule: 'vacancy.nodiscrim.age', reason }] };
    const created = await post(hr, notice);
    assert.equal(created.status, 201, JSON.stringify(created.body.errors));
    const warning = created.body.warnings.find((w) => w.rule === 'vacancy.nodiscrim.age');
    assert.equal(warning?.overrideReason, reason);
  });

  test('a legal error that may not be overridden stays an error', async () => {
    const notice = { ...example('vacancy'), body: 'Vi søker en sykepleier.', overrides: [{ rule: 'vacancy.offl25.notice', reason: 'Vi glemte det, men det haster veldig.' }] };
    const answer = await post(hr, notice);
    assert.equal(answer.status, 422);
    assert.ok(rulesOf(answer).includes('vacancy.offl25.notice'));
  });
});

describe('dry run', () => {
  test('answers the checks and the planned schedule and stores nothing', async () => {
    const before = await count('notices');
    const ok = await post(hr, example('vacancy'), {}, '/v1/notices/validate');
    assert.equal(ok.status, 200);
    const body = ok.body as unknown as { valid: boolean; errors: unknown[]; warnings: unknown[]; publications: { channel: string; scheduledAtLocal: string }[] };
    assert.equal(body.valid, true);
    assert.deepEqual(body.publications.map((p) => p.channel).sort(), ['facebook', 'website']);
    const bad = (await post(hr, { ...example('vacancy'), body: 'Kort.' }, {}, '/v1/notices/validate')).body as unknown as { valid: boolean; errors: { rule: string }[] };
    assert.equal(bad.valid, false);
    assert.ok(bad.errors.some((e) => e.rule === 'vacancy.offl25.notice'));
    assert.equal(await count('notices'), before);
  });

  test('messages are in the language the request prefers: nynorsk for nn, bokmål for no and nb, English for en', async () => {
    const notice = { ...example('vacancy'), body: 'Kort.' };
    const messageIn = async (language: string) => {
      const answer = (await post(hr, notice, { 'accept-language': language }, '/v1/notices/validate')).body as unknown as { errors: { rule: string; message: string }[] };
      return answer.errors.find((e) => e.rule === 'vacancy.offl25.notice')?.message;
    };
    const nynorsk = 'Utlysinga må opplyse om at opplysningar om søkjaren kan bli gjorde offentlege sjølv om søkjaren har bede om ikkje å bli ført opp på søkjarlista (offentleglova § 25 andre ledd).';
    assert.equal(await messageIn('nn'), nynorsk);
    assert.equal(await messageIn('nn-NO,nb;q=0.8'), nynorsk);
    assert.equal(await messageIn('no-NN'), nynorsk);
    assert.match((await messageIn('no')) ?? '', /^Utlysningen må opplyse om at opplysninger om søkeren/);
    assert.match((await messageIn('nb-NO')) ?? '', /^Utlysningen må opplyse/);
    assert.match((await messageIn('en-GB')) ?? '', /^The vacancy/);
  });

  test("Herald's own checks answer in nynorsk too, with every language in `messages`", async () => {
    type Answer = { errors: { rule: string; message: string; messages: { nb: string; nn: string; en: string } }[] };
    const errorsOf = async (notice: object) => ((await post(hr, notice, { 'accept-language': 'nn' }, '/v1/notices/validate')).body as unknown as Answer).errors;
    const past = (await errorsOf({ ...example('vacancy'), publishAt: '2001-03-01T09:00' })).find((e) => e.rule === 'time.past');
    assert.ok(past);
    assert.equal(past.message, 'Publiseringstidspunktet har alt vore.');
    assert.deepEqual(past.messages, { nb: 'Publiseringstidspunktet har allerede vært.', nn: 'Publiseringstidspunktet har alt vore.', en: 'The publication time is in the past.' });
    const control = (await errorsOf({ ...example('vacancy'), title: 'Sykepleiar\u0007 ved helsetunet' })).find((e) => e.rule === 'text.control_characters');
    assert.equal(control?.message, 'Teksten inneheld kontrollteikn som ikkje kan publiserast.');
  });
});

describe('Idempotency-Key', () => {
  test('a retry with the same key and body gets the first answer; one notice is stored', async () => {
    const headers = { 'idempotency-key': 'retry-1' };
    const first = await post(comms, example('event'), headers);
    const again = await post(comms, example('event'), headers);
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    const { rows } = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM notices WHERE id = $1', [first.body.id]);
    assert.equal(rows[0]?.n, 1);
    assert.equal((await post(comms, { ...example('event'), title: 'Noe annet' }, headers)).status, 422);
  });

  test('concurrent requests with one key store one notice', async () => {
    const before = await count('notices');
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(comms, example('announcement'), { 'idempotency-key': 'race-1' })));
    assert.ok(answers.every((a) => a.status === 201));
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(await count('notices'), before + 1);
  });

  test('keys are per municipality', async () => {
    const karasjok = await t.key('karasjok', 'admin');
    const notice = { ...example('announcement'), translations: [{ language: 'se' as const, title: 'Diehtu', body: 'Diehtu.' }] };
    const a = await post(comms, notice, { 'idempotency-key': 'shared' });
    const b = await post(karasjok, notice, { 'idempotency-key': 'shared' });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.notEqual(a.body.id, b.body.id);
  });
});

describe('list', () => {
  test('filters by type and status and pages with a stable cursor', async () => {
    const get = async (query: string) => (await t.app.inject({ url: `/v1/notices?${query}`, headers: { authorization: `Bearer ${comms}` } })).json<{ items: NoticeView[]; nextCursor: string | null }>();
    const plans = await get('type=plan&limit=200');
    assert.ok(plans.items.length > 0);
    assert.ok(plans.items.every((n) => n.type === 'plan'));
    const waiting = await get('status=awaiting_approval&limit=200');
    assert.ok(waiting.items.every((n) => n.status === 'awaiting_approval'));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await get('limit=200');
    assert.deepEqual(seen, all.items.map((n) => n.id));
    assert.equal(new Set(seen).size, seen.length);
    const future = await get('from=2099-01-01');
    assert.equal(future.items.length, 0);
  });
});

test('invisible characters that make text read otherwise are refused, naming the field', async () => {
  // A zero-width space inside a fødselsnummer would hide it from common.offl.internet; an override reverses text on screen.
  for (const [field, text] of [['title', 'Møte \u202Eom\u202C vei'], ['body', `Kontakt oss, oppgi ${nationalIdNumber().replace(/^(\d{6})/, '$1\u200B')}.`], ['title', 'Myk\u00ADbindestrek']] as const) {
    const answer = await post(comms, { ...example('announcement'), [field]: text });
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.deepEqual(rulesOf(answer), ['text.invisible_characters']);
    assert.equal(answer.body.errors?.[0]?.path, `/${field}`);
  }
});
