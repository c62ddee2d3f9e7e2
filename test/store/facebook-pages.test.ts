import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { facebookPagesIn, pageStatuses, setPageToken } from '../../src/store/facebook-pages.ts';
import { syncTenants } from '../../src/store/tenants.ts';
import { facebookTenant } from '../channels/facebook/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

// The Page state every worker shares: a token opens only under its key, for its tenant and Page; a
// refusal of an old token never marks a newer one; a pause holds until its time.

const tenant = facebookTenant('100064000000077', 'pagestore');
const key = randomBytes(32);
let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
  await syncTenants(db.pool, [tenant]);
});
after(() => db.drop());

test('no token: the Page needs one; a token set opens it, and nothing readable is stored', async () => {
  const pages = facebookPagesIn(db.pool, key);
  assert.deepEqual(await pages.gate(tenant, new Date()), { open: false, reason: 'needs-token', until: null, detail: null });
  const version = await setPageToken(db.pool, key, { tenantSlug: tenant.slug, pageId: '100064000000077', token: 'first-page-token' });
  assert.deepEqual(await pages.gate(tenant, new Date()), { open: true, token: 'first-page-token', tokenVersion: version });
  const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM facebook_pages WHERE position(convert_to('first-page-token', 'UTF8') in token_sealed) > 0`);
  assert.equal(rows[0]?.n, 0);
});

test('another key, or a tenant file naming another Page, makes the token unusable (and says why)', async () => {
  const other = await facebookPagesIn(db.pool, randomBytes(32)).gate(tenant, new Date());
  assert.equal(other.open, false);
  assert.match(JSON.stringify(other), /another HERALD_SECRET_KEY/);
  const moved = await facebookPagesIn(db.pool, key).gate(facebookTenant('100064000000078', 'pagestore'), new Date());
  assert.equal(moved.open, false);
  assert.match(JSON.stringify(moved), /set for Page 100064000000077/);
});

test("a refusal of an old token version does not mark the new one; the current one's does", async () => {
  const pages = facebookPagesIn(db.pool, key);
  const old = await pages.gate(tenant, new Date());
  assert.ok(old.open);
  const current = await setPageToken(db.pool, key, { tenantSlug: tenant.slug, pageId: '100064000000077', token: 'second-page-token' });
  await pages.refuseToken(tenant, old.tokenVersion, { kind: 'token', message: 'old one refused' });
  assert.deepEqual(await pages.gate(tenant, new Date()), { open: true, token: 'second-page-token', tokenVersion: current });
  await pages.refuseToken(tenant, current, { kind: 'token', message: 'Error validating access token' });
  assert.deepEqual(await pages.gate(tenant, new Date()), { open: false, reason: 'needs-token', until: null, detail: { kind: 'token', message: 'Error validating access token' } });
  const [status] = await pageStatuses(db.pool, key, [tenant], new Date());
  assert.equal(status?.status, 'needs-token');
  await setPageToken(db.pool, key, { tenantSlug: tenant.slug, pageId: '100064000000077', token: 'third-page-token' });
  assert.equal((await pages.gate(tenant, new Date())).open, true, 'a new token clears the refusal');
});

test('a pause holds until its time; a shorter one never shortens it', async () => {
  const pages = facebookPagesIn(db.pool, key);
  const now = new Date();
  const until = new Date(now.getTime() + 60_000);
  await pages.pause(tenant, until, { kind: 'rate-limit' });
  await pages.pause(tenant, new Date(now.getTime() + 1000), { kind: 'near-limit' });
  assert.deepEqual(await pages.gate(tenant, now), { open: false, reason: 'rate-limited', until, detail: { kind: 'rate-limit' } });
  assert.equal((await pageStatuses(db.pool, key, [tenant], now))[0]?.status, 'rate-limited');
  assert.equal((await pages.gate(tenant, new Date(until.getTime() + 1))).open, true);
});
