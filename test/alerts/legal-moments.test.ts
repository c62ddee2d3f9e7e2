import assert from 'node:assert/strict';
import { test } from 'node:test';
import { legalMoments } from '../../src/alerts/legal-moments.ts';
import { example } from '../helpers/examples.ts';
import { shippedDirectory } from '../helpers/app.ts';

const now = new Date('2030-01-10T12:00:00Z');
const asnes = shippedDirectory().get('asnes');
if (!asnes) throw new Error('asnes is not configured');
const rulesOf = (type: string) => {
  const rules = asnes.rules.get(type);
  if (!rules) throw new Error(`no ${type} rules`);
  return rules;
};

test('a hearing must be out the day its 42 days before the comment deadline begin, Oslo time', () => {
  const notice = example('plan-ettersyn'); // commentDeadline 2031-03-03
  const [first] = legalMoments(rulesOf('plan'), notice, asnes.tenant, now);
  if (!first) assert.fail('no legal moment');
  assert.equal(first.rule, 'plan.ettersyn.frist');
  assert.equal(first.severity, 'error');
  // 2031-03-03 − 42 days = 2031-01-20: published on that day the period holds; it must be out by its end.
  assert.equal(first.outBy.toISOString(), '2031-01-20T23:00:00.000Z');
  assert.equal(first.at.toISOString(), '2031-03-02T23:00:00.000Z');
  assert.equal(first.source.section, '§ 12-10 (1)');
});

test('a meeting must be out before it starts; the municipality’s 7 days come first', () => {
  const notice = example('meeting'); // start 2030-09-19T18:00 local
  const moments = legalMoments(rulesOf('meeting'), notice, asnes.tenant, now);
  assert.deepEqual(
    moments.map((m) => [m.rule, m.severity, m.outBy.toISOString()]),
    [
      ['meeting.publish.before', 'warning', '2030-09-12T22:00:00.000Z'],
      ['meeting.publish.before', 'error', '2030-09-19T15:59:00.000Z'],
    ],
  );
});

test('a vacancy counts the tenant’s stricter 21 days; an overridden rule is no moment', () => {
  const notice = example('vacancy'); // applicationDeadline 2030-05-06; Åsnes wants 21 days
  const moments = legalMoments(rulesOf('vacancy'), notice, asnes.tenant, now);
  const [binding] = moments;
  if (!binding) assert.fail('no legal moment');
  assert.equal(binding.rule, 'vacancy.deadline');
  assert.equal(binding.outBy.toISOString(), '2030-04-15T22:00:00.000Z');
  const overridden = legalMoments(rulesOf('vacancy'), { ...notice, overrides: [{ rule: 'vacancy.deadline', reason: 'Kort vikariat, lokal praksis' }] }, asnes.tenant, now);
  assert.deepEqual(overridden.map((m) => m.rule), ['vacancy.deadline.after_publication']);
});
