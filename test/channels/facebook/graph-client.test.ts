import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createGraphClient, GraphApiError, GraphTransportError } from '../../../src/channels/facebook/index.ts';
import { startFakeGraph, type FakeGraph } from '../../fakes/graph-api/server.ts';

// The client against the fake Graph API over real HTTP: answers, Facebook's error objects, usage
// headers, timeouts and dropped connections, and the token kept out of every URL.

const PAGE = '100064000000101';
let fake: FakeGraph;
let token: string;

before(async () => {
  fake = await startFakeGraph();
  token = fake.addPage(PAGE).token;
});
after(() => fake.close());

test('a post is created and the usage headers are read', async () => {
  fake.setUsage(PAGE, 42, 0);
  const client = createGraphClient({ baseUrl: fake.url });
  const answer = await client.call({ method: 'POST', path: `/${PAGE}/feed`, token, body: Buffer.from(JSON.stringify({ message: 'Hei' })), query: { fields: 'id,permalink_url' } });
  assert.equal(answer.status, 200);
  const body = answer.body as { id: string; permalink_url: string };
  assert.match(body.id, new RegExp(`^${PAGE}_\\d+$`));
  assert.deepEqual(answer.usage, { highestPercent: 42, regainAccessMinutes: 0 });
  assert.equal(fake.posts(PAGE).at(-1)?.message, 'Hei');
  fake.setUsage(PAGE, 0, 0);
});

test('the token travels in the Authorization header, never in the URL', async () => {
  const client = createGraphClient({ baseUrl: fake.url });
  await client.call({ method: 'GET', path: `/${PAGE}/published_posts`, token, query: { limit: '1' } });
  assert.ok(fake.requests.length > 0);
  assert.deepEqual([...new Set(fake.requests.map((r) => r.tokenIn))], ['header']);
});

test("Facebook's error object becomes a GraphApiError with its code, subcode and status", async () => {
  const client = createGraphClient({ baseUrl: fake.url });
  fake.fail({ match: { edge: 'feed' }, action: { kind: 'error', code: 32, regainMinutes: 7 } });
  await assert.rejects(client.call({ method: 'POST', path: `/${PAGE}/feed`, token, body: Buffer.from('{"message":"x"}') }), (error: unknown) => {
    assert.ok(error instanceof GraphApiError);
    assert.equal(error.error.code, 32);
    assert.equal(error.status, 400);
    assert.equal(error.usage.regainAccessMinutes, 7);
    assert.match(error.error.fbtrace_id ?? '', /^Fake/);
    return true;
  });
  await assert.rejects(client.call({ method: 'GET', path: `/${PAGE}/published_posts`, token: 'not-a-token' }), (error: unknown) => {
    assert.ok(error instanceof GraphApiError);
    assert.equal(error.error.code, 190);
    assert.equal(error.error.type, 'OAuthException');
    return true;
  });
});

test('an answer slower than the timeout is a timeout; a dropped connection a network failure', async () => {
  const client = createGraphClient({ baseUrl: fake.url, timeoutMs: 200 });
  fake.fail({ match: { edge: 'feed' }, action: { kind: 'slow', ms: 2000, afterCreate: true } });
  await assert.rejects(client.call({ method: 'POST', path: `/${PAGE}/feed`, token, body: Buffer.from('{"message":"treg"}') }), (error: unknown) => {
    assert.ok(error instanceof GraphTransportError);
    assert.equal(error.kind, 'timeout');
    return true;
  });
  fake.fail({ match: { edge: 'feed' }, action: { kind: 'drop', afterCreate: true } });
  await assert.rejects(client.call({ method: 'POST', path: `/${PAGE}/feed`, token, body: Buffer.from('{"message":"borte"}') }), (error: unknown) => {
    assert.ok(error instanceof GraphTransportError);
    assert.equal(error.kind, 'network');
    assert.ok(!error.message.includes(token));
    return true;
  });
  // Both were created before the client gave up: the read-back's job.
  assert.deepEqual(fake.posts(PAGE).map((p) => p.message).slice(-2), ['treg', 'borte']);
});

test('a body that is not Graph JSON (a proxy page) is unreadable, with its status', async () => {
  const client = createGraphClient({ baseUrl: `${fake.origin}/fake-facebook` });
  await assert.rejects(client.call({ method: 'GET', path: `/${PAGE}`, token }), (error: unknown) => {
    assert.ok(error instanceof GraphTransportError);
    assert.equal(error.kind, 'unreadable');
    assert.equal(error.status, 200);
    return true;
  });
});
