import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createNewspaperChannel } from '../../src/channels/newspaper/index.ts';
import { publishNewspaperIssue, type NewspaperBatchContext } from '../../src/publishing/newspaper-batch.ts';
import { buildTestApp, shippedDirectory, type TestApp } from '../helpers/app.ts';
import { archiveRecords, publicationStates } from '../helpers/workers.ts';
import { BEFORE_DEADLINE, DEADLINE, ISSUE, sha256, submitNewspaperNotices } from '../channels/newspaper/support.ts';

/** One job's attempt at its issue: what became of its own publication. */
const issue = async (...args: Parameters<typeof publishNewspaperIssue>) => (await publishNewspaperIssue(...args)).outcome;

// One job per publication, one delivery per issue: the first job of an issue delivers every due ad
// booked into it; the others find theirs delivered. A booking that comes after the batch went is
// a delivery of its own.

let t: TestApp;
let key: string;
let now = BEFORE_DEADLINE;

before(async () => {
  t = await buildTestApp({ clock: () => now });
  key = await t.key('asnes', 'communications');
});
after(() => t.close());

function context(): NewspaperBatchContext {
  const clock = () => new Date(DEADLINE.getTime() + 1000);
  return { pool: t.db.pool, directory: shippedDirectory(), newspaper: createNewspaperChannel({ directoryRoot: join(t.dataDir, 'newspapers'), clock }), leaseMs: 5000, clock };
}

const folder = () => join(t.dataDir, 'newspapers', 'asnes', 'glamdalen', ISSUE);

test('three jobs of one issue, run at once: one batch, every ad once, the other jobs are no-ops', async () => {
  now = BEFORE_DEADLINE;
  const booked = await submitNewspaperNotices(t, key, 3);
  for (const b of booked) assert.equal(b.notice.publications.find((p) => p.channel === 'newspaper')?.issueDate, ISSUE);

  const ctx = context();
  const outcomes = await Promise.all(booked.map((b) => issue(ctx, b.publicationId, false)));
  assert.equal(outcomes.filter((o) => o.kind === 'published').length, 1, 'exactly one job delivered');
  for (const o of outcomes.filter((o) => o.kind === 'skipped')) assert.ok(o.refusal.refused === 'finished' || o.refusal.refused === 'held', JSON.stringify(o));
  // A held job comes back later and finds its publication delivered.
  for (const b of booked) {
    const again = await issue(ctx, b.publicationId, false);
    assert.deepEqual(again, { kind: 'skipped', refusal: { refused: 'finished' } });
  }

  const states = (await publicationStates(t.db.pool)).filter((p) => booked.some((b) => b.publicationId === p.id));
  assert.deepEqual(states.map((s) => s.state), ['delivered', 'delivered', 'delivered'], 'delivered, not published: print is confirmed later');

  const files = (await readdir(folder())).sort();
  const manifests = files.filter((f) => /^manifest-.*\.json$/.test(f));
  assert.equal(manifests.length, 1, `one manifest: ${files.join(', ')}`);
  for (const b of booked) {
    assert.ok(files.includes(`${b.notice.id}.pdf`));
    assert.ok(files.includes(`${b.notice.id}.txt`));
  }
  assert.ok(!files.some((f) => f.startsWith('.')), 'no temp files left');

  const manifestBytes = await readFile(join(folder(), manifests[0] ?? ''));
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as { issueDate: string; orderReference: string | null; ads: { noticeId: string; pdf: { file: string; sha256: string }; heightMm: number; widthMm: number }[] };
  assert.equal(manifest.issueDate, ISSUE);
  assert.equal(manifest.orderReference, 'ÅSNES-KUNNGJ-2030');
  assert.equal(manifest.ads.length, 3);
  for (const ad of manifest.ads) {
    assert.equal(sha256(await readFile(join(folder(), ad.pdf.file))), ad.pdf.sha256, 'the manifest checksums the files delivered');
    assert.equal(ad.widthMm, 92);
  }
  const summary = await readFile(join(folder(), (manifests[0] ?? '').replace('.json', '.txt')), 'utf8');
  assert.match(summary, /Utgave: tirsdag 5\. mars 2030 \(2030-03-05\)/);
  assert.match(summary, /Bestillingsreferanse: ÅSNES-KUNNGJ-2030/);
  assert.match(summary, /Antall annonser: 3/);

  const records = await archiveRecords(t.db.pool);
  const delivered = records.filter((r) => r.event === 'delivered');
  const batchRecords = delivered.filter((r) => r.publicationId === null);
  assert.equal(batchRecords.length, 1, 'the delivery is archived once, with its manifest');
  assert.ok(batchRecords[0]?.content.equals(manifestBytes), 'the archived manifest is the delivered one');
  assert.equal(batchRecords[0]?.receipt?.manifestSha256, sha256(manifestBytes), 'and its checksum');
  for (const b of booked) {
    const [record] = delivered.filter((r) => r.publicationId === b.publicationId);
    assert.ok(record, 'each ad archived');
    assert.ok(record.content.equals(await readFile(join(folder(), `${b.notice.id}.pdf`))), 'the archived PDF is the delivered one');
    assert.equal(record.receipt?.issueDate, ISSUE);
  }
});

test('a booking that comes after its issue went out is its own delivery, with its own manifest', async () => {
  now = BEFORE_DEADLINE;
  const [late] = await submitNewspaperNotices(t, key, 1, 'Sen');
  assert.ok(late);
  const before = (await readdir(folder())).filter((f) => f.endsWith('.json')).length;
  const outcome = await issue(context(), late.publicationId, false);
  assert.equal(outcome.kind, 'published');
  const manifests = (await readdir(folder())).filter((f) => /^manifest-.*\.json$/.test(f));
  assert.equal(manifests.length, before + 1);
  const [row] = (await publicationStates(t.db.pool)).filter((p) => p.id === late.publicationId);
  assert.equal(row?.state, 'delivered');
});

test('a job before the deadline waits: not due, nothing delivered', async () => {
  now = BEFORE_DEADLINE;
  const [early] = await submitNewspaperNotices(t, key, 1, 'Tidlig');
  assert.ok(early);
  const clock = () => BEFORE_DEADLINE;
  const ctx = { ...context(), clock };
  const outcome = await issue(ctx, early.publicationId, false);
  assert.deepEqual(outcome.kind === 'skipped' ? outcome.refusal.refused : outcome.kind, 'not-due');
});
