import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../src/logger.ts';

test('tokens, keys, secrets, passwords and Authorization headers never reach a log line', () => {
  const lines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void lines.push(line) });
  log.info({ req: { headers: { authorization: 'Bearer hrld_secretkey', cookie: 'session=abc' } } }, 'request');
  log.info({ page: { token: 'EAAB-page-token' }, webhook: { url: 'https://example.org/hook', secret: 'hmac-key' }, smtp: { password: 'pw', smtpUrl: 'smtp://u:pw@host' }, api: { key: 'hrld_x' } }, 'config');
  const text = lines.join('');
  for (const secret of ['hrld_secretkey', 'session=abc', 'EAAB-page-token', 'hmac-key', '"pw"', 'u:pw@host', 'hrld_x']) assert.ok(!text.includes(secret), `${secret} was logged`);
  assert.match(text, /https:\/\/example\.org\/hook/, 'what is not secret stays');
  assert.equal(text.split('[redacted]').length - 1, 7);
});
