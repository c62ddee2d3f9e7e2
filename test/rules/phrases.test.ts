import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePhrases, containsPhrase, findPhrases } from '../../src/rules/phrases.ts';
import { publishedText } from '../../src/rules/text.ts';
import { notice } from './fixtures.ts';

function find(phrases: string[], body: string): string[] {
  return findPhrases(compilePhrases(phrases), publishedText(notice({ title: '', body }))).map((match) => match.text);
}

test('whole words only, ignoring case and the kind of whitespace', () => {
  assert.deepEqual(find(['ung og dynamisk'], 'Ungdom. UNG\u00A0og\n dynamisk. ung og dynamiske.'), ['UNG\u00A0og\n dynamisk']);
  assert.deepEqual(find(['er du gravid'], 'Hvem er du? Sier du gravid? Er du gravid?'), ['Er du gravid']);
});

test('word* matches any ending; a|b matches either word', () => {
  assert.deepEqual(find(['søkerlist*'], 'søkerlisten, søkerlista, søkerlist, offentlig søkerliste'), ['søkerlisten', 'søkerlista', 'søkerlist', 'søkerliste']);
  assert.deepEqual(find(['oppgi|opplys ... religion'], 'Opplys om religion. Oppgi religion. Oppgitt religion.'), ['Opplys om religion', 'Oppgi religion']);
});

test('a gap stays within 80 characters of one sentence and line', () => {
  assert.deepEqual(find(['oppgi ... religion'], `Oppgi ${'x'.repeat(70)} religion.`), [`Oppgi ${'x'.repeat(70)} religion`]);
  assert.deepEqual(find(['oppgi ... religion'], `Oppgi ${'x'.repeat(90)} religion.`), []);
  assert.deepEqual(find(['oppgi ... religion'], 'Oppgi navn. Vi ser bort fra religion.'), []);
  assert.deepEqual(find(['oppgi ... religion'], 'Oppgi navn\nreligion'), []);
});

test('words beginning with letters outside ASCII are found at word starts only', () => {
  assert.deepEqual(find(['økonomi*'], 'Sosialøkonomi og økonomistyring.'), ['økonomistyring']);
  assert.deepEqual(find(['ášši'], 'Dát ášši lea dehálaš.'), ['ášši']);
});

test('containsPhrase answers whether any phrase is there', () => {
  const matcher = compilePhrases(['offentlig* ... selv om ... søkerlist*']);
  assert.equal(containsPhrase(matcher, publishedText(notice({ body: 'Navn kan bli offentliggjort, selv om du ikke vil stå på søkerlista.' }))), true);
  assert.equal(containsPhrase(matcher, publishedText(notice({ body: 'Offentlig søkerliste blir laget.' }))), false);
});

test('a match is reported in the piece of the notice it was found in', () => {
  const published = publishedText(notice({ title: 'Fagmann', body: 'Tekst.', fields: { duties: ['Vi er et ungt team'] } }));
  const matches = findPhrases(compilePhrases(['fagmann', 'ungt team']), published);
  assert.deepEqual(
    matches.map((match) => [published.pathAt(match.index), match.text]),
    [
      ['/title', 'Fagmann'],
      ['/fields/duties/0', 'ungt team'],
    ],
  );
});
