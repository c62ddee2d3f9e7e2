import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attachment } from '../../../src/notices/types.ts';
import { contextFor, notice, runCheck } from '../fixtures.ts';

test('every attachment without alt text is named, blank text included', () => {
  const attachments = [
    { url: 'https://example.org/a.jpg', altText: 'Rådhuset i Flisa om vinteren' },
    { url: 'https://example.org/b.jpg', altText: '   ' },
    { url: 'https://example.org/c.jpg' } as Attachment, // the API accepts it so that this rule can name it
  ];
  assert.deepEqual(runCheck('altText', {}, contextFor(notice({ attachments }))), [
    { path: '/attachments/1/altText', values: { number: 2, url: 'https://example.org/b.jpg' } },
    { path: '/attachments/2/altText', values: { number: 3, url: 'https://example.org/c.jpg' } },
  ]);
});

test('no attachments, nothing to check', () => {
  assert.deepEqual(runCheck('altText', {}, contextFor(notice())), []);
});
