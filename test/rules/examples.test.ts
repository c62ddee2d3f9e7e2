import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { DateTime } from 'luxon';
import { noticeInput } from '../../src/http/schemas/notice.ts';
import type { NoticeInput } from '../../src/notices/types.ts';
import { evaluate, validateFields } from '../../src/rules/index.ts';
import type { Finding } from '../../src/rules/types.ts';
import { asnes, contextFor, oslo, planAt, readExample, rulesFor, ZONE } from './fixtures.ts';

const EXAMPLES = ['vacancy', 'plan-oppstart', 'plan-ettersyn', 'plan-vedtak', 'plan-kommuneplan-hoering', 'meeting', 'event', 'announcement'];

/** Every check, as the API runs them: fields first, then the rule file, published at `now`. */
function check(notice: NoticeInput, now: DateTime): { errors: Finding[]; warnings: Finding[]; publication: DateTime } {
  const rules = rulesFor(notice.type);
  const channels = notice.channels ?? rules.channels.default;
  const plan = planAt(channels, now);
  const mandatory = plan.filter((p) => rules.channels.mandatory.includes(p.channel));
  const publication = DateTime.fromMillis(Math.max(...mandatory.map((p) => p.appearsAt.getTime())), { zone: ZONE });
  const ctx = contextFor({ ...notice, channels }, { now, plan, publication });
  const outcome = evaluate(rules, ctx, 'en');
  return { errors: [...validateFields(rules, notice, asnes, 'en'), ...outcome.errors], warnings: outcome.warnings, publication };
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateBody = ajv.compile(noticeInput);

for (const name of EXAMPLES) {
  test(`examples/notices/${name}.json is a valid POST body that passes every error-level rule, now and later`, () => {
    const notice = readExample(name);
    assert.equal(validateBody(notice), true, JSON.stringify(validateBody.errors));
    assert.equal(notice.publishAt, undefined);
    for (const now of [DateTime.now().setZone(ZONE), oslo('2027-01-04T09:00'), oslo('2029-06-01T12:00')]) {
      const { errors } = check(notice, now);
      assert.deepEqual(errors, [], `${name} at ${now.toISO() ?? ''}`);
    }
  });
}

/** A broken copy of each example, and the rule that must catch it. */
const BROKEN: Record<string, { rule: string; path: string; breakIt: (notice: NoticeInput, publication: DateTime) => NoticeInput }> = {
  vacancy: {
    rule: 'vacancy.offl25.notice',
    path: '/body',
    breakIt: (n) => ({ ...n, body: n.body.replace(/Opplysninger om søkeren[^.]*\./, '') }),
  },
  'plan-oppstart': { rule: 'plan.oppstart.channels', path: '/channels', breakIt: (n) => ({ ...n, channels: ['website'] }) },
  'plan-ettersyn': {
    rule: 'plan.ettersyn.frist',
    path: '/fields/commentDeadline',
    breakIt: (n, publication) => ({ ...n, fields: { ...n.fields, commentDeadline: publication.plus({ days: 41 }).toISODate() } }),
  },
  'plan-vedtak': { rule: 'plan.vedtak.channels', path: '/channels', breakIt: (n) => ({ ...n, channels: ['website', 'facebook'] }) },
  'plan-kommuneplan-hoering': {
    rule: 'plan.kommuneplan.hoering',
    path: '/fields/commentDeadline',
    breakIt: (n, publication) => ({ ...n, fields: { ...n.fields, commentDeadline: publication.plus({ days: 41 }).toISODate() } }),
  },
  meeting: { rule: 'meeting.content', path: '/fields/agenda', breakIt: (n) => ({ ...n, fields: { ...n.fields, agenda: [] } }) },
  event: {
    rule: 'common.uu.alt',
    path: '/attachments/0/altText',
    breakIt: (n) => ({ ...n, attachments: (n.attachments ?? []).map((a) => ({ ...a, altText: '' })) }),
  },
  announcement: { rule: 'common.offl.internet', path: '/body', breakIt: (n) => ({ ...n, body: `${n.body}\nGjelder gnr. 12 bnr. 3, eier 15076500484.` }) },
};

for (const [name, broken] of Object.entries(BROKEN)) {
  test(`a broken copy of ${name}.json fails with ${broken.rule}`, () => {
    const now = DateTime.now().setZone(ZONE);
    const notice = readExample(name);
    const { publication } = check(notice, now);
    const { errors } = check(broken.breakIt(notice, publication), now);
    assert.deepEqual(
      errors.map((e) => [e.rule, e.path]),
      [[broken.rule, broken.path]],
    );
  });
}
