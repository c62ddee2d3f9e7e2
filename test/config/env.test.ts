import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnv } from '../../src/config/env.ts';

test('defaults fill what the environment leaves out', () => {
  const env = loadEnv({});
  assert.equal(env.PORT, 3000);
  assert.equal(env.HOST, '127.0.0.1');
  assert.equal(env.REDIS_URL, 'redis://127.0.0.1:6379');
  assert.equal(env.HERALD_MIGRATE, false);
  assert.ok(Object.isFrozen(env));
});

test('values are read and typed', () => {
  const env = loadEnv({ PORT: '8080', HERALD_MIGRATE: 'true', LOG_LEVEL: 'debug', DATABASE_URL: 'postgresql://u@db/x' });
  assert.equal(env.PORT, 8080);
  assert.equal(env.HERALD_MIGRATE, true);
  assert.equal(env.LOG_LEVEL, 'debug');
});

test('every bad value is named in one error', () => {
  assert.throws(
    () => loadEnv({ PORT: 'eighty', REDIS_URL: 'http://127.0.0.1', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' }),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, 'HERALD_ERR_CONFIG');
      for (const name of ['PORT="eighty"', 'REDIS_URL="http://127.0.0.1"', 'LOG_LEVEL="loud"', 'DATABASE_URL="mysql://x"']) {
        assert.ok(error.message.includes(name), `${name} not named in: ${error.message}`);
      }
      return true;
    },
  );
});

test('a port out of range is refused', () => {
  assert.throws(() => loadEnv({ PORT: '70000' }), /PORT="70000": must be <= 65535/);
});

test('HERALD_SECRET_KEY: a development key outside production, required in production, 32 bytes', () => {
  assert.match(loadEnv({}).HERALD_SECRET_KEY, /^[0-9a-f]{64}$/);
  assert.throws(() => loadEnv({ NODE_ENV: 'production' }), /HERALD_SECRET_KEY is required when NODE_ENV=production/);
  const key = 'ab'.repeat(32);
  assert.equal(loadEnv({ NODE_ENV: 'production', HERALD_SECRET_KEY: key, HERALD_SEAL_KEY: 'cd'.repeat(32) }).HERALD_SECRET_KEY, key);
  // Named, never echoed: a near-miss of the real key must not land in a log.
  assert.throws(
    () => loadEnv({ HERALD_SECRET_KEY: 'ab'.repeat(31) + 'zz' }),
    (error: Error) => /HERALD_SECRET_KEY=\(hidden\)/.test(error.message) && !error.message.includes('ab'.repeat(31)),
  );
  assert.throws(
    () => loadEnv({ HERALD_SEAL_KEY: 'cd'.repeat(20) }),
    (error: Error) => /HERALD_SEAL_KEY=\(hidden\)/.test(error.message) && !error.message.includes('cd'.repeat(20)),
  );
});

test('the Facebook channel: Graph URL with its version, timeout and harvest period', () => {
  const env = loadEnv({});
  assert.equal(env.HERALD_FACEBOOK_GRAPH_URL, 'https://graph.facebook.com/v26.0');
  assert.equal(env.HERALD_FACEBOOK_TIMEOUT_MS, 10000);
  assert.equal(env.HERALD_FACEBOOK_COMMENT_DAYS, 30);
  assert.equal(loadEnv({ HERALD_FACEBOOK_GRAPH_URL: 'http://127.0.0.1:3900/v26.0' }).HERALD_FACEBOOK_GRAPH_URL, 'http://127.0.0.1:3900/v26.0');
});

test('the alert settings: SMTP is off unless given, and a bad SMTP URL is named without its password', () => {
  const env = loadEnv({});
  assert.equal(env.HERALD_SMTP_URL, undefined);
  assert.equal(env.HERALD_ALERT_WATCH_MS, 60_000);
  assert.equal(env.HERALD_WORKER_METRICS_PORT, 9464);
  assert.equal(env.HERALD_MAX_EVENT_LOOP_DELAY_MS, 1000);
  assert.throws(
    () => loadEnv({ HERALD_SMTP_URL: 'http://herald:hunter2@mail.example' }),
    (error: Error) => {
      assert.match(error.message, /HERALD_SMTP_URL=\(hidden\)/);
      assert.ok(!error.message.includes('hunter2'));
      return true;
    },
  );
});

test('HERALD_SEAL_KEY: a development seed outside production, required in production, 32 bytes', () => {
  assert.match(loadEnv({}).HERALD_SEAL_KEY, /^[0-9a-f]{64}$/);
  assert.throws(() => loadEnv({ NODE_ENV: 'production', HERALD_SECRET_KEY: 'ab'.repeat(32) }), /HERALD_SEAL_KEY is required when NODE_ENV=production/);
  const seed = 'cd'.repeat(32);
  assert.equal(loadEnv({ NODE_ENV: 'production', HERALD_SECRET_KEY: 'ab'.repeat(32), HERALD_SEAL_KEY: seed }).HERALD_SEAL_KEY, seed);
  assert.throws(() => loadEnv({ HERALD_SEAL_KEY: 'xyz' }), /HERALD_SEAL_KEY=\(hidden\)/);
});

test('HERALD_NOARK_FORMAT: the file extension by default, the PRONOM id on request', () => {
  assert.equal(loadEnv({}).HERALD_NOARK_FORMAT, 'pdf');
  assert.equal(loadEnv({ HERALD_NOARK_FORMAT: 'fmt/477' }).HERALD_NOARK_FORMAT, 'fmt/477');
  assert.throws(() => loadEnv({ HERALD_NOARK_FORMAT: 'docx' }), /HERALD_NOARK_FORMAT="docx"/);
});

test('HERALD_OPERATOR_KEY: unset (the queue dashboard opens to no one), or 32 characters or more, never echoed', () => {
  assert.equal(loadEnv({}).HERALD_OPERATOR_KEY, undefined);
  const key = 'ef'.repeat(32);
  assert.equal(loadEnv({ HERALD_OPERATOR_KEY: key }).HERALD_OPERATOR_KEY, key);
  assert.throws(
    () => loadEnv({ HERALD_OPERATOR_KEY: 'short-key' }),
    (error: Error) => /HERALD_OPERATOR_KEY=\(hidden\)/.test(error.message) && !error.message.includes('short-key'),
  );
});
