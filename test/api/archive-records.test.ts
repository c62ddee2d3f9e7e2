import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { appendRecords, sealTenant, type ArchiveRecordInput } from '../../src/archive/index.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { submitAccepted, tenantId, websiteAnnouncement } from '../helpers/workers.ts';

interface RecordItem {
  seq: number | null;
  sealed: boolean;
  event: string;
  channel: string | null;
  sha256: string;
  hash: string | null;
  prevHash: string | null;
  content: string | null;
  notice: { id: string; title: string | null; type: string | null } | null;
}
interface Page {
  items: RecordItem[];
  nextCursor: string | null;
}

let t: TestApp;
let archivist: string;
let admin: string;
let asnesId: string;
let water: NoticeView;
let vacancy: NoticeView;
const html = Buffer.from('<!doctype html><html lang="nb"><h1>Vannet stenges – 50 % av Flisa</h1></html>');

function record(notice: NoticeView | null, over: Partial<ArchiveRecordInput>): ArchiveRecordInput {
  return {
    tenantId: asnesId,
    noticeId: notice?.id ?? null,
    noticeVersion: notice ? 1 : null,
    publicationId: null,
    channel: 'website',
    event: 'published',
    content: html,
    contentType: 'text/html; charset=utf-8',
    ruleVersion: 'test',
    receipt: { url: 'https://example.no/1' },
    ...over,
  };
}

before(async () => {
  t = await buildTestApp();
  archivist = await t.key('asnes', 'archivist');
  admin = await t.key('asnes', 'admin');
  asnesId = await tenantId(t.db.pool, 'asnes');
  const comms = await t.key('asnes', 'communications');
  water = await submitAccepted(t, comms, websiteAnnouncement(example('announcement'), '2030-03-01T10:00:00+01:00', 'Vannet stenges for 50 % av Flisa'));
  vacancy = await submitAccepted(t, comms, { ...example('vacancy'), publishAt: '2030-03-01T10:00:00+01:00' });
  await appendRecords(t.db.pool, [
    record(water, {}),
    record(vacancy, { channel: 'facebook', content: Buffer.from('{"message":"Ledig stilling"}'), contentType: 'application/json; charset=utf-8' }),
    record(vacancy, { channel: 'facebook', event: 'failed', content: Buffer.from('{"message":"refused"}'), contentType: 'application/json' }),
    record(water, { event: 'withdrawn', content: Buffer.from('<p>trukket</p>') }),
  ]);
  await sealTenant(t.db.pool, asnesId);
  // One more, left unsealed: the API says so.
  await appendRecords(t.db.pool, [record(vacancy, { event: 'published' })]);
});
after(async () => {
  await t.close();
});

const get = (key: string | undefined, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } });

async function list(query: string, key = archivist): Promise<Page> {
  const res = await get(key, `/v1/archive/records${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Page>();
}

describe('search', () => {
  test('every record in chain order, sealed ones first, the unsealed one said to be so', async () => {
    const { items, nextCursor } = await list('');
    assert.equal(nextCursor, null);
    assert.deepEqual(items.map((r) => r.seq), [1, 2, 3, 4, null]);
    assert.deepEqual(items.map((r) => r.sealed), [true, true, true, true, false]);
    const [first, second, , , unsealed] = items;
    assert.ok(first && second && unsealed);
    assert.equal(unsealed.content, null);
    assert.equal(first.prevHash, '0'.repeat(64));
    assert.equal(second.prevHash, first.hash);
    assert.equal(first.sha256, createHash('sha256').update(html).digest('hex'));
    assert.equal(first.notice?.title, 'Vannet stenges for 50 % av Flisa');
  });

  test('filters: notice, type, channel, event, title words (50 % is text, not a wildcard)', async () => {
    assert.deepEqual((await list(`?notice=${water.id}`)).items.map((r) => r.seq), [1, 4]);
    assert.deepEqual((await list('?type=vacancy')).items.map((r) => r.seq), [2, 3, null]);
    assert.deepEqual((await list('?channel=facebook')).items.map((r) => r.seq), [2, 3]);
    assert.deepEqual((await list('?event=failed')).items.map((r) => r.seq), [3]);
    assert.deepEqual((await list(`?q=${encodeURIComponent('50 %')}`)).items.map((r) => r.seq), [1, 4]);
    assert.deepEqual((await list('?q=VANNET')).items.map((r) => r.seq), [1, 4]);
    assert.deepEqual((await list('?q=100%25')).items, []);
  });

  test('period: from and to in the tenant zone; from after to is a 400 problem', async () => {
    assert.equal((await list('?from=2000-01-01&to=2999-01-01')).items.length, 5);
    assert.equal((await list('?to=2000-01-01')).items.length, 0);
    const res = await get(archivist, '/v1/archive/records?from=2026-05-01&to=2026-04-01');
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /problem\+json/);
    assert.equal(res.json<{ errors: { path: string }[] }>().errors[0]?.path, '/querystring/from');
    assert.equal((await get(archivist, '/v1/archive/records?from=yesterday')).statusCode, 400);
    assert.equal((await get(archivist, '/v1/archive/records?event=deleted')).statusCode, 400);
  });

  test('cursor pages walk the same records in the same order', async () => {
    const seen: (number | null)[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((r) => r.seq));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [1, 2, 3, 4, null]);
    assert.equal((await get(archivist, '/v1/archive/records?cursor=bm9wZQ')).statusCode, 400);
  });
});

describe('read', () => {
  test('one record by seq; an unknown seq is 404', async () => {
    const res = await get(admin, '/v1/archive/records/2');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<RecordItem>().channel, 'facebook');
    assert.equal((await get(admin, '/v1/archive/records/99')).statusCode, 404);
    assert.equal((await get(admin, '/v1/archive/records/0')).statusCode, 400);
  });

  test('content: the exact bytes, their type, ETag and Digest of their SHA-256; If-None-Match answers 304', async () => {
    const res = await get(archivist, '/v1/archive/records/1/content');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.rawPayload, html);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    const sha = createHash('sha256').update(html).digest();
    assert.equal(res.headers.etag, `"sha256-${sha.toString('hex')}"`);
    assert.equal(res.headers.digest, `sha-256=${sha.toString('base64')}`);
    assert.equal(res.headers['repr-digest'], `sha-256=:${sha.toString('base64')}:`);
    assert.match(String(res.headers['content-security-policy']), /sandbox/);
    const again = await get(archivist, '/v1/archive/records/1/content', { 'if-none-match': res.headers.etag ?? '' });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
  });
});

describe('access', () => {
  const urls = ['/v1/archive/records', '/v1/archive/records/1', '/v1/archive/records/1/content', '/v1/archive/verify'];

  test('other roles get 404, as if the routes did not exist', async () => {
    for (const role of ['hr', 'communications'] as const) {
      const key = await t.key('asnes', role);
      for (const url of urls) {
        const res = await get(key, url);
        assert.equal(res.statusCode, 404, `${role} ${url}`);
        assert.equal(res.json<{ type: string }>().type, '/docs/errors#herald_err_not_found');
      }
    }
  });

  test("another municipality's archivist sees none of these records", async () => {
    const other = await t.key('karasjok', 'archivist');
    assert.deepEqual((await list('', other)).items, []);
    assert.equal((await get(other, '/v1/archive/records/1')).statusCode, 404);
    assert.equal((await get(other, '/v1/archive/records/1/content')).statusCode, 404);
  });

  test('no key: 401; the seal key alone is public', async () => {
    assert.equal((await get(undefined, '/v1/archive/records')).statusCode, 401);
    const res = await get(undefined, '/v1/archive/seal-key');
    assert.equal(res.statusCode, 200);
    const key = res.json<{ algorithm: string; publicKey: string; keyId: string; spki: string }>();
    assert.equal(key.algorithm, 'Ed25519');
    assert.equal(Buffer.from(key.publicKey, 'base64').length, 32);
    assert.equal(key.keyId, createHash('sha256').update(Buffer.from(key.publicKey, 'base64')).digest('hex'));
    assert.match(key.spki, /BEGIN PUBLIC KEY/);
  });
});
