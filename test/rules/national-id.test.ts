import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findNationalIdNumbers, isNationalIdNumber } from '../../src/rules/index.ts';

// Control digits computed independently of the code under test (a separate script).
const FODSELSNUMMER = ['15076500484', '01019012480', '31129945616', '13057598705', '24031234553'];
const D_NUMBER = '41019012393'; // day 01 + 40
const H_NUMBER = '01015012397'; // month 10 + 40

test('valid fødselsnummer, D-numbers and H-numbers are recognised', () => {
  for (const number of [...FODSELSNUMMER, D_NUMBER, H_NUMBER]) assert.equal(isNationalIdNumber(number), true, number);
});

test('11 digits failing either mod-11 control digit are not', () => {
  assert.equal(isNationalIdNumber('15076500485'), false); // second control digit off by one
  assert.equal(isNationalIdNumber('15076500494'), false); // first control digit off by one
  assert.equal(isNationalIdNumber('12345678901'), false);
  assert.equal(isNationalIdNumber('47123456789'), false); // a phone number with country code
  assert.equal(isNationalIdNumber('1507650048'), false); // ten digits
});

test('a number with a valid checksum but no possible birth date is not', () => {
  // Month 13: control digits made valid, but no person is born then.
  assert.equal(isNationalIdNumber('01139010074'), false);
});

test('finds numbers in text, also with a space or dot between date and personal number', () => {
  const text = `Søker: Ola (${FODSELSNUMMER[0] ?? ''}), Kari 010190 12480 og Per 310199.45616? Nei: 311299.45616.`;
  assert.deepEqual(
    findNationalIdNumbers(text).map((found) => found.text),
    [FODSELSNUMMER[0], '010190 12480', '311299.45616'],
  );
  assert.equal(findNationalIdNumbers(text)[1]?.index, text.indexOf('010190 12480'));
});

test('does not flag phone, account, organisation or case numbers', () => {
  const text = 'Ring 62 95 40 00 eller +47 62954000. Konto 1503.12.34567, org.nr. 964 947 007, sak 2030/412, ref 12345678901.';
  assert.deepEqual(findNationalIdNumbers(text), []);
});

test('does not take 11 digits out of a longer number', () => {
  assert.deepEqual(findNationalIdNumbers(`99${FODSELSNUMMER[0] ?? ''}`), []);
  assert.deepEqual(findNationalIdNumbers(`${FODSELSNUMMER[0] ?? ''}7`), []);
});
