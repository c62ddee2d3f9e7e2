import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERRORS } from '../src/errors.ts';

const docs = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

test('every error code is documented, with its status', () => {
  for (const [name, Ctor] of Object.entries(ERRORS)) {
    const error = new Ctor('x', 'y');
    assert.match(error.code, /^HERALD_ERR_[A-Z_]+$/, name);
    const row = docs.split('\n').find((line) => line.includes(`\`${error.code}\``));
    assert.ok(row, `${error.code} is missing from docs/errors.md`);
    assert.ok(row.includes(`id="${error.code.toLowerCase()}"`), `${error.code} has no anchor for its problem type`);
    const status = error.statusCode;
    if (status < 500 || status === 503) {
      assert.ok(row.includes(`| ${status} |`), `${error.code}: docs give another status than ${status}`);
    }
  }
});

test('docs list no code that does not exist', () => {
  const codes = new Set<string>(Object.values(ERRORS).map((Ctor) => new Ctor('x', 'y').code));
  for (const [, code] of docs.matchAll(/`(HERALD_ERR_[A-Z_]+)`/g)) {
    assert.ok(codes.has(code ?? ''), `docs/errors.md lists a dead code ${code}`);
  }
});
