import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Tenant } from '../../../src/config/tenant-types.ts';
import { PermanentChannelError } from '../../../src/channels/types.ts';
import { createWebsiteChannel } from '../../../src/channels/website/index.ts';
import { snapshot, task, tempWebRoot, tenant } from './fixtures.ts';

const SECRET = 'a-long-shared-secret-for-tests';
const clock = (): Date => new Date('2030-03-02T09:00:00Z');

interface Received {
  method: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on 127.0.0.1 that records each request and answers as `answer` says. */
async function cms(answer: (res: ServerResponse) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/herald`, received };
}

/** A loopback URL on which nothing listens any more: the connection is refused. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/herald`;
}

function status(code: number, body = ''): (res: ServerResponse) => void {
  return (res) => res.writeHead(code, { 'content-type': 'text/plain' }).end(body);
}

function withCms(url: string): Tenant {
  const base = tenant();
  return { ...base, channels: { ...base.channels, website: { ...base.channels.website, cmsWebhook: { url, secret: SECRET } } } };
}

async function setup(url: string, cmsTimeoutMs?: number) {
  const root = await tempWebRoot();
  const website = createWebsiteChannel({ webRoot: root, clock, cmsTimeoutMs });
  const t = task(snapshot('vacancy'), withCms(url));
  return { root, website, t, file: join(root, 'asnes', 'notices', `${t.notice.id}.html`), artifact: await website.render(t) };
}

test('deliver POSTs { notice, html, url } signed with HMAC-SHA256 of the body, then writes the page', async () => {
  const server = await cms(status(200));
  const { website, t, file, artifact } = await setup(server.url);
  const receipt = await website.deliver(t, artifact);

  assert.equal(server.received.length, 1);
  const [request] = server.received;
  assert.ok(request);
  assert.equal(request.method, 'POST');
  assert.match(String(request.headers['content-type']), /^application\/json/);
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`);
  const given = Buffer.from(String(request.headers['x-herald-signature']));
  assert.ok(given.length === expected.length && timingSafeEqual(given, expected), 'the signature verifies with the shared secret');
  assert.equal(request.headers['x-herald-timestamp'], String(clock().getTime() / 1000));
  assert.equal(request.headers['x-herald-delivery'], t.publicationId);

  const body = JSON.parse(request.body) as { event: string; notice: { id: string }; html: string; url: string; sentAt: string };
  assert.equal(body.event, 'publish');
  assert.equal(body.notice.id, t.notice.id);
  assert.equal(body.html, artifact.bytes.toString('utf8'));
  assert.equal(body.url, receipt.url);
  assert.equal(body.sentAt, clock().toISOString());

  assert.equal(receipt.details?.cmsStatus, 200);
  assert.ok((await readFile(file)).equals(artifact.bytes));
});

test('400 is permanent: PermanentChannelError, and no page is written', async () => {
  const server = await cms(status(400, 'bad notice'));
  const { website, t, file, artifact } = await setup(server.url);
  await assert.rejects(website.deliver(t, artifact), (error: unknown) => {
    assert.ok(error instanceof PermanentChannelError);
    assert.equal(error.details.status, 400);
    assert.equal(error.details.body, 'bad notice');
    return true;
  });
  await assert.rejects(access(file));
});

test('503, 429 and 408 are retryable: an ordinary Error, no page, so the retry pushes again', async () => {
  for (const code of [503, 429, 408]) {
    const server = await cms(status(code));
    const { website, t, file, artifact } = await setup(server.url);
    await assert.rejects(website.deliver(t, artifact), (error: unknown) => {
      assert.ok(error instanceof Error && !(error instanceof PermanentChannelError), `${code} is retryable`);
      assert.match(error.message, new RegExp(`answered ${code}`));
      return true;
    });
    await assert.rejects(access(file));
    assert.equal(await website.findExisting(t, artifact), null, `${code}: findExisting does not adopt a failed push`);
  }
});

test('a CMS that does not answer in time, or at all, is retryable', async () => {
  const silent = await cms(() => undefined);
  const slow = await setup(silent.url, 100);
  await assert.rejects(slow.website.deliver(slow.t, slow.artifact), (error: unknown) => error instanceof Error && !(error instanceof PermanentChannelError));

  const refused = await setup(await closedPortUrl());
  await assert.rejects(refused.website.deliver(refused.t, refused.artifact), (error: unknown) => error instanceof Error && !(error instanceof PermanentChannelError));
});

test('withdraw pushes the withdrawn page as a withdraw event', async () => {
  const server = await cms(status(200));
  const { website, t, artifact } = await setup(server.url);
  const delivered = await website.deliver(t, artifact);
  const receipt = await website.withdraw(t, delivered);
  assert.equal(server.received.length, 2);
  const body = JSON.parse(server.received[1]?.body ?? '{}') as { event: string; html: string };
  assert.equal(body.event, 'withdraw');
  assert.equal(server.received[1]?.headers['x-herald-event'], 'withdraw');
  assert.equal(body.html, receipt.details?.html);
  assert.match(body.html, /Kunngjøringen er trukket tilbake/);
});
