import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Tenant } from '../../src/config/tenant-types.ts';
import { applyTenantOverrides, compileTenantRules, evaluate } from '../../src/rules/index.ts';
import { asnes, contextFor, oslo, readExample, ruleFiles } from './fixtures.ts';

function withRules(rules: Tenant['rules']): Tenant {
  return { ...asnes, rules };
}

function overrideError(rules: Tenant['rules']): string {
  try {
    applyTenantOverrides(ruleFiles(), withRules(rules));
  } catch (error) {
    assert.ok(error instanceof Error);
    assert.equal((error as Error & { code?: string }).code, 'HERALD_ERR_CONFIG');
    return error.message;
  }
  assert.fail('the overrides were accepted');
}

/** The vacancy example with its deadline `days` after a publication on 2027-01-04. */
function vacancyWarnings(tenant: Tenant, days: number) {
  const rules = compileTenantRules(ruleFiles(), tenant).get('vacancy');
  assert.ok(rules);
  const example = readExample('vacancy');
  const deadline = oslo('2027-01-04').plus({ days }).toISODate() ?? '';
  const notice = { ...example, fields: { ...example.fields, applicationDeadline: deadline } };
  return evaluate(rules, contextFor(notice, { publication: oslo('2027-01-04T10:00') }), 'en');
}

test('a stricter number is applied: with 21 days required, a 20-day window warns and 21 passes', () => {
  const tenant = withRules({ 'vacancy.deadline': { params: { days: 21 } } });
  const warned = vacancyWarnings(tenant, 20).warnings.filter((w) => w.rule === 'vacancy.deadline');
  assert.equal(warned.length, 1);
  assert.match(warned[0]?.message ?? '', /at least 21 days .* 2027-01-25 or later \(now 20 days\)/);
  assert.deepEqual(vacancyWarnings(tenant, 21).warnings, []);
  // The default stays at 14 for a tenant without the override.
  assert.deepEqual(vacancyWarnings(asnes, 14).warnings, []);
});

test('a looser number is rejected, naming the tenant, the rule and the param', () => {
  assert.equal(
    overrideError({ 'vacancy.deadline': { params: { days: 10 } } }),
    'Configuration is invalid:\ntenant "asnes", rule "vacancy.deadline", param "days": 10 is looser than the rule file\'s 14 (it may only be raised)',
  );
  assert.match(overrideError({ 'channel.facebook.length': { params: { max: 70000 } } }), /param "max": 70000 is looser than the rule file's 63206 \(it may only be lowered\)/);
});

test('unknown rules and params, and numbers that are not whole, are rejected, all at once', () => {
  const message = overrideError({
    'vacancy.dedline': { params: { days: 21 } },
    'vacancy.deadline': { params: { weeks: 3 } },
    'plan.ettersyn.frist': { params: { days: 42.5 } },
    'common.uu.alt': { params: { max: 1 } },
  });
  assert.match(message, /tenant "asnes", rule "vacancy\.dedline": no rule file has this rule/);
  assert.match(message, /rule "vacancy\.deadline", param "weeks": not a number this rule lets a municipality set/);
  assert.match(message, /rule "plan\.ettersyn\.frist", param "days": 42\.5 must be a whole number of at least 1/);
  assert.match(message, /rule "common\.uu\.alt", param "max": not a number/);
});

test('severity may be raised to error', () => {
  const tenant = withRules({ 'vacancy.deadline': { severity: 'error' } });
  const outcome = vacancyWarnings(tenant, 13);
  assert.deepEqual(
    outcome.errors.map((e) => e.rule),
    ['vacancy.deadline'],
  );
});

test('a shorter length limit is accepted', () => {
  const files = applyTenantOverrides(ruleFiles(), withRules({ 'channel.facebook.length': { params: { max: 2000 } } }));
  const check = files[0]?.checks.find((c) => c.id === 'channel.facebook.length');
  assert.equal(check?.params.max, 2000);
});

test('a number applies to the checks of the rule that have it, and only for that tenant', () => {
  const files = applyTenantOverrides(ruleFiles(), withRules({ 'meeting.publish.before': { params: { days: 10 } } }));
  const meeting = files.find((file) => file.type === 'meeting');
  const checks = meeting?.checks.filter((check) => check.id === 'meeting.publish.before').map((check) => check.params);
  assert.deepEqual(checks, [
    { from: 'publication', to: '/fields/start', minutes: 1 },
    { from: 'publication', to: '/fields/start', days: 10 },
  ]);
  const untouched = ruleFiles().find((file) => file.type === 'meeting')?.checks.find((check) => check.params.days !== undefined);
  assert.equal(untouched?.params.days, 7);
});
