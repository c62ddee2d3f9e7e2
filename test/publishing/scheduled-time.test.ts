import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { verifyChain } from '../../src/archive/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import {
  archiveRecords,
  deleteQueueKeys,
  newQueuePrefix,
  publicationStates,
  startTestWorkers,
  submitAccepted,
  tenantId,
  waitFor,
  websiteAnnouncement,
  type TestWorkers,
} from '../helpers/workers.ts';

// A notice set for a few seconds ahead goes out at its time, not before, exactly once, and its
// archive record holds the exact bytes of the page, is sealed within seconds and verifies.

const prefix = newQueuePrefix();
let t: TestApp;
let workers: TestWorkers | undefined;

before(async () => {
  t = await buildTestApp();
  workers = await startTestWorkers(t, { prefix });
});

after(async () => {
  await workers?.stop();
  await deleteQueueKeys(prefix);
  await t.close();
});

test('published at its time, once, archived with the page bytes, sealed, listed', async () => {
  const key = await t.key('asnes', 'communications');
  // Whole seconds, about 3 s ahead.
  const publishAt = new Date(Math.ceil((Date.now() + 3000) / 1000) * 1000);
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), publishAt.toISOString()));
  assert.equal(notice.publications.length, 1);
  const publication = notice.publications[0];
  assert.ok(publication);
  assert.equal(publication.channel, 'website');
  assert.equal(publication.scheduledAt, publishAt.toISOString());
  const scheduledAt = publishAt.getTime();
  const pageFile = join(t.dataDir, 'web', 'asnes', 'notices', `${notice.id}.html`);

  // Poll until it is out; every look taken wholly before the scheduled time must find it not out.
  let looksBefore = 0;
  const published = await waitFor(
    'the publication to go out',
    async () => {
      const [row] = (await publicationStates(t.db.pool)).filter((p) => p.id === publication.id);
      const fileThere = existsSync(pageFile);
      const lookedBy = Date.now();
      if (lookedBy < scheduledAt) {
        looksBefore++;
        assert.ok(!fileThere, `the page was written ${scheduledAt - lookedBy} ms before its time`);
        assert.ok(row && ['pending', 'scheduled'].includes(row.state), `state ${row?.state ?? 'missing'} ${scheduledAt - lookedBy} ms before its time`);
      }
      return row?.state === 'published' && fileThere ? row : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 25 },
  );
  assert.ok(looksBefore > 10, `only ${looksBefore} looks before the scheduled time`);
  assert.ok(published.publishedAt, 'published_at is set');
  assert.ok(published.publishedAt.getTime() >= scheduledAt, `published_at ${published.publishedAt.toISOString()} is before ${publishAt.toISOString()}`);
  assert.equal(published.attempts, 1);

  // Exactly one 'published' record, holding exactly the page's bytes.
  const page = readFileSync(pageFile);
  const records = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === publication.id);
  assert.deepEqual(records.map((r) => r.event), ['published']);
  const record = records[0];
  assert.ok(record);
  assert.ok(record.content.equals(page), 'the archived bytes are the page file');

  // Sealed within seconds, and the chain verifies.
  const seq = await waitFor('the record to be sealed', async () => (await archiveRecords(t.db.pool)).find((r) => r.id === record.id)?.seq ?? undefined, {
    timeoutMs: 5000,
  });
  assert.ok(seq >= 1);
  const verified = await verifyChain(t.db.pool, await tenantId(t.db.pool, 'asnes'));
  assert.deepEqual({ ok: verified.ok, firstBadSeq: verified.firstBadSeq }, { ok: true, firstBadSeq: null }, verified.reason ?? '');
  assert.ok(verified.checked >= 1);

  // The index page lists it.
  const indexFile = join(t.dataDir, 'web', 'asnes', 'index.html');
  await waitFor('the index page to list the notice', async () => existsSync(indexFile) && readFileSync(indexFile, 'utf8').includes(`notices/${notice.id}.html`), {
    timeoutMs: 5000,
  });

  // A little later it is still out once: no second attempt, no second record.
  const finalStates = (await publicationStates(t.db.pool)).filter((p) => p.id === publication.id);
  assert.deepEqual(finalStates.map((p) => [p.state, p.attempts]), [['published', 1]]);
  assert.equal((await archiveRecords(t.db.pool)).filter((r) => r.publicationId === publication.id).length, 1);
});
