import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { createLogger } from '../../src/logger.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// A Page token is a password to the municipality's Page: stored only encrypted, never written to a
// log (every line the API and the workers write is read back through a pino sink, at trace level),
// never answered with by the API — through setting it, using it, Facebook refusing it and replacing it.

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});
const TOKENS = ['asnes-page-token-1', 'asnes-page-token-2'];
let s: FacebookScene;

before(async () => {
  const log = createLogger('trace', sink);
  s = await facebookScene({ logger: log, workerLog: log });
});
after(() => s.close());

test('the token is in no log line, no table and no answer', async () => {
  const notice = await s.announce('Kunngjøring med hemmelig nøkkel');
  await s.waitForState(notice.id, 'published');
  s.fake.revokeToken('asnes-page-token-1', 460);
  const second = await s.announce('Etter at nøkkelen ble avvist');
  await s.waitFor(async () => ((await s.facebookOf(second.id)).lastError as { details?: { waitingFor?: string } } | null)?.details?.waitingFor === 'token' || undefined);
  s.fake.addToken(ASNES_PAGE, 'asnes-page-token-2');
  await s.setToken('asnes-page-token-2');
  await s.waitForState(second.id, 'published');

  assert.ok(lines.length > 20, `the sink saw the logs (${lines.length} lines)`);
  assert.ok(lines.some((l) => l.includes('facebook.token.set')), 'the token change itself is logged');
  for (const token of TOKENS) {
    assert.deepEqual(lines.filter((l) => l.includes(token)), [], `${token} in the logs`);
  }

  // Every row of every table, as text (bytea as hex): neither the token nor its hex form.
  const { rows: tables } = await s.t.db.pool.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  assert.ok(tables.some((t) => t.name === 'facebook_pages'));
  for (const { name } of tables) {
    const { rows } = await s.t.db.pool.query<{ row: string }>(`SELECT row_to_json(x)::text AS row FROM "${name}" x`);
    for (const token of TOKENS) {
      const hex = Buffer.from(token).toString('hex');
      assert.ok(rows.every((r) => !r.row.includes(token) && !r.row.includes(hex)), `${token} stored in ${name}`);
    }
  }
  const { rows: sealed } = await s.t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM facebook_pages WHERE token_sealed IS NOT NULL');
  assert.equal(sealed[0]?.n, 1, 'the token is there, sealed');

  for (const url of [`/v1/notices/${notice.id}`, `/v1/notices/${second.id}`, '/v1/channels/facebook']) {
    const res = await s.t.app.inject({ url, headers: { authorization: `Bearer ${s.admin}` } });
    assert.equal(res.statusCode, 200);
    for (const token of TOKENS) assert.ok(!res.body.includes(token), `${url} answers with the token`);
  }
});
