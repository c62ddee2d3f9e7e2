import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { storedNotices, type StoredNotices } from '../helpers/stored-notices.ts';

// The journalpost's status log is written by the database (migration 13), for every statement that
// moves publications, however many rows it moves at once: the workers move whole batches.

let scene: StoredNotices;

before(async () => {
  scene = await storedNotices();
});
after(async () => {
  await scene.db.drop();
});

/** `count` website notices, one pending publication each; returns the publication ids. */
async function publications(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await scene.websitePublication(`Arrangement ${i}`, new Date()));
  return ids;
}

const move = (ids: readonly string[], to: string) => scene.db.pool.query(`UPDATE publications SET state = $2 WHERE id = ANY($1::uuid[])`, [ids, to]);

async function changesOf(ids: readonly string[]): Promise<string[]> {
  const { rows } = await scene.db.pool.query<{ line: string }>(
    `SELECT c.metadata || ': ' || c.previous_value || ' → ' || c.new_value AS line
       FROM archive_changes c JOIN publications p ON p.notice_id = c.notice_id AND p.channel = c.channel
      WHERE p.id = ANY($1::uuid[]) ORDER BY c.id`,
    [ids],
  );
  return rows.map((r) => r.line);
}

test('a batch going out logs one status change per publication; handing over and claiming log none', async () => {
  const ids = await publications(40);
  await move(ids, 'scheduled');
  await move(ids, 'publishing');
  assert.deepEqual(await changesOf(ids), []);
  await move(ids, 'published');
  assert.deepEqual(await changesOf(ids), Array.from(ids, () => 'journalstatus: Journalført → Ekspedert'));
});

test('a final failure is logged as Utgår; a take-down of what was out leaves it Ekspedert', async () => {
  const [failing, taken] = await publications(2);
  assert.ok(failing && taken);
  await move([failing], 'publishing');
  await move([failing], 'failed');
  assert.deepEqual(await changesOf([failing]), ['journalstatus: Journalført → Utgår']);
  await move([taken], 'published');
  await move([taken], 'withdrawing');
  await move([taken], 'withdrawn');
  assert.deepEqual(await changesOf([taken]), ['journalstatus: Journalført → Ekspedert']);
});

test('a correction that replaces a post that was out logs its new document version, and no status change', async () => {
  const [out, notOut] = await publications(2);
  assert.ok(out && notOut);
  await move([out], 'published');
  await scene.db.pool.query(`UPDATE notices SET current_version = 2 WHERE id IN (SELECT notice_id FROM publications WHERE id = ANY($1::uuid[]))`, [[out, notOut]]);
  await move([out, notOut], 'superseded');
  assert.deepEqual(await changesOf([out]), ['journalstatus: Journalført → Ekspedert', 'versjonsnummer: 1 → 2']);
  assert.deepEqual(await changesOf([notOut]), []);
});
