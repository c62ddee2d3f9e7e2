import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileCondition } from '../../src/rules/when.ts';
import { asnes, contextFor, karasjok, notice } from './fixtures.ts';

const ctx = (fields: Record<string, unknown>, tenant = asnes) => contextFor(notice({ fields }), { tenant });

test('no condition: always', () => {
  assert.equal(compileCondition(undefined)(ctx({})), true);
});

test('equals and in compare the value at a pointer', () => {
  assert.equal(compileCondition({ path: '/fields/stage', equals: 'ettersyn' })(ctx({ stage: 'ettersyn' })), true);
  assert.equal(compileCondition({ path: '/fields/stage', equals: 'ettersyn' })(ctx({ stage: 'vedtak' })), false);
  assert.equal(compileCondition({ path: '/fields/stage', in: ['oppstart', 'vedtak'] })(ctx({ stage: 'vedtak' })), true);
  assert.equal(compileCondition({ path: '/fields/stage', in: ['oppstart', 'vedtak'] })(ctx({})), false);
});

test('neither: the value must be filled in and not false', () => {
  const hasPlanprogram = compileCondition({ path: '/fields/planprogram' });
  assert.equal(hasPlanprogram(ctx({ planprogram: true })), true);
  assert.equal(hasPlanprogram(ctx({ planprogram: false })), false);
  assert.equal(hasPlanprogram(ctx({})), false);
});

test('tenant flags', () => {
  const sami = compileCondition({ path: 'tenant.samiLanguageArea', equals: true });
  assert.equal(sami(ctx({}, asnes)), false);
  assert.equal(sami(ctx({}, karasjok)), true);
});
