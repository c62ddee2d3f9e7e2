import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextFor, notice, runCheck } from '../fixtures.ts';

const params = { phrases: ['ung|unge og dynamisk*', 'oppgi ... religion|livssyn', 'fagmann'] };

test('reports each phrase found, with the words as written and where they are', () => {
  const ctx = contextFor(notice({ title: 'Fagmann søkes', body: 'Vi søker en ung og dynamisk person. Oppgi gjerne religion.', fields: { extra: 'Unge og dynamiske' } }));
  assert.deepEqual(runCheck('wording', params, ctx), [
    { path: '/title', values: { match: 'Fagmann' } },
    { path: '/body', values: { match: 'ung og dynamisk' } },
    { path: '/body', values: { match: 'Oppgi gjerne religion' } },
    { path: '/fields/extra', values: { match: 'Unge og dynamiske' } },
  ]);
});

test('matches whole words only, and the same words once per text', () => {
  const ctx = contextFor(notice({ body: 'Ungdomsskolen søker fagmannskap. Fagmann, fagmann og FAGMANN.' }));
  assert.deepEqual(runCheck('wording', params, ctx), [{ path: '/body', values: { match: 'Fagmann' } }]);
});

test('a diversity statement naming religion does not ask for it', () => {
  const ctx = contextFor(notice({ body: 'Vi ønsker søkere uavhengig av kjønn, alder, religion og livssyn. Oppgi referanser.' }));
  assert.deepEqual(runCheck('wording', params, ctx), []);
});
