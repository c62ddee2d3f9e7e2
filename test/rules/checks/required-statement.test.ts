import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor, notice, runCheck } from '../fixtures.ts';

const params = { phrases: ['offentlig* ... selv om ... søkerlist*', 'public ... even if ... list of applicants'] };

function failures(body: string, extra: Parameters<typeof notice>[0] = {}) {
  return runCheck('requiredStatement', params, contextFor(notice({ body, ...extra })));
}

test('passes when any phrase is present, whatever the case, line breaks and word endings', () => {
  assert.deepEqual(failures('Opplysninger om søkeren kan bli gjort OFFENTLIG selv\nom søkeren har bedt om ikke å stå på søkerlista.'), []);
  assert.deepEqual(failures('Information may be made public even if you asked to be left off the list of applicants.'), []);
});

test('fails on the body when no phrase is present', () => {
  assert.deepEqual(failures('Søknadsfrist 1. mars.'), [{ path: '/body' }]);
});

test('the gap stays within one sentence and line', () => {
  assert.deepEqual(failures('Søkerlisten er offentlig. Vi svarer selv om det tar tid. Se søkerlisten.'), [{ path: '/body' }]);
  assert.deepEqual(failures('Alt er offentlig\nselv om\nsøkerlisten ikke er det'), [{ path: '/body' }]);
});

test('a translation can carry the statement', () => {
  const translations = [{ language: 'en' as const, title: 'Nurse', body: 'It may be made public even if you are not on the list of applicants.' }];
  assert.deepEqual(failures('Sykepleier.', { translations }), []);
});
