import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Language } from '../../../src/notices/types.ts';
import { contextFor, notice, runCheck } from '../fixtures.ts';

const params = { groups: [['se'], ['nb', 'nn']] };

function failures(language: Language, translated: Language[]) {
  const translations = translated.map((l) => ({ language: l, title: 'Tittel', body: 'Tekst' }));
  return runCheck('requiredLanguages', params, contextFor(notice({ language, translations })));
}

test('Sami and Norwegian, in either order, in the notice or its translations', () => {
  assert.deepEqual(failures('nb', ['se']), []);
  assert.deepEqual(failures('se', ['nn']), []);
  assert.deepEqual(failures('se', ['en', 'nb']), []);
});

test('each missing group is named', () => {
  assert.deepEqual(failures('nb', []), [{ path: '/translations', values: { missing: 'se' } }]);
  assert.deepEqual(failures('se', ['en']), [{ path: '/translations', values: { missing: 'nb/nn' } }]);
});
