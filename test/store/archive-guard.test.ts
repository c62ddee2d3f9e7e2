import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { loadTenants } from '../../src/config/tenants.ts';
import { syncTenants } from '../../src/store/tenants.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { CONFIG_DIR } from '../helpers/paths.ts';

let db: TestDatabase;
let tenantId: string;

before(async () => {
  db = await createTestDatabase();
  const ids = await syncTenants(db.pool, loadTenants(CONFIG_DIR));
  tenantId = ids.get('asnes') ?? '';
});
after(async () => {
  await db.drop();
});

async function append(content: string): Promise<number> {
  const bytes = Buffer.from(content);
  const { rows } = await db.pool.query<{ id: number }>(
    `INSERT INTO archive_records (tenant_id, event, content, content_type, content_sha256)
     VALUES ($1, 'published', $2, 'text/html', $3) RETURNING id`,
    [tenantId, bytes, createHash('sha256').update(bytes).digest()],
  );
  return rows[0]?.id ?? 0;
}

const seal = (id: number, seq: number) =>
  db.pool.query(`UPDATE archive_records SET seq = $2, prev_hash = $3, hash = $3, sealed_at = now() WHERE id = $1`, [id, seq, Buffer.alloc(32)]);

test('an archive record can be appended and sealed once', async () => {
  const id = await append('<p>one</p>');
  await seal(id, 1);
  const { rows } = await db.pool.query<{ seq: number }>('SELECT seq FROM archive_records WHERE id = $1', [id]);
  assert.equal(rows[0]?.seq, 1);
  await assert.rejects(seal(id, 2), /append-only/);
});

test('content and metadata cannot be updated, before or after sealing', async () => {
  const id = await append('<p>two</p>');
  await assert.rejects(db.pool.query(`UPDATE archive_records SET content = 'x' WHERE id = $1`, [id]), /append-only/);
  await assert.rejects(
    db.pool.query(`UPDATE archive_records SET seq = 99, hash = '\\x00', sealed_at = now(), event = 'withdrawn' WHERE id = $1`, [id]),
    /append-only/,
  );
});

test('DELETE and TRUNCATE are refused', async () => {
  const id = await append('<p>three</p>');
  await assert.rejects(db.pool.query('DELETE FROM archive_records WHERE id = $1', [id]), /append-only: DELETE is refused/);
  await assert.rejects(db.pool.query('TRUNCATE archive_records'), /append-only: TRUNCATE is refused/);
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_records WHERE id = $1', [id]);
  assert.equal(rows[0]?.n, 1);
});

test('an archived page is kept compressed with lz4, and reads back byte for byte', async () => {
  const page = `<!doctype html>${'<p>Søknadsfrist 15. mars. Stillingen er fast, 100 %.</p>\n'.repeat(80)}`;
  const id = await append(page);
  const { rows } = await db.pool.query<{ method: string | null; stored: number; content: Buffer }>(
    'SELECT pg_column_compression(content) AS method, pg_column_size(content) AS stored, content FROM archive_records WHERE id = $1',
    [id],
  );
  const [row] = rows;
  assert.ok(row);
  assert.equal(row.method, 'lz4');
  assert.ok(row.stored < Buffer.byteLength(page) / 4);
  assert.equal(row.content.toString(), page);
});
