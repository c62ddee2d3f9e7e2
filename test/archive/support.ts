import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ArchiveRecordInput } from '../../src/archive/index.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import { syncTenants } from '../../src/store/tenants.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { CONFIG_DIR } from '../helpers/paths.ts';

/**
 * Ends the extra pools and drops the test database. drop() ends its pool and at once drops WITH
 * (FORCE): a connection still closing then gets "terminating connection due to administrator
 * command", which pg-pool re-emits on the pool, an uncaught exception if nobody listens.
 */
export async function dropDatabase(db: TestDatabase, ...pools: pg.Pool[]): Promise<void> {
  for (const pool of [db.pool, ...pools]) pool.on('error', () => undefined);
  for (const pool of pools) await pool.end();
  await db.drop();
}

/** A tenant row of its own (the shipped asnes config under another slug), so tests never share a chain. */
export async function createTenant(pool: pg.Pool, slug: string): Promise<string> {
  const [base] = loadTenants(CONFIG_DIR);
  if (base === undefined) throw new Error('no shipped tenant config');
  const id = (await syncTenants(pool, [{ ...base, slug }])).get(slug);
  if (id === undefined) throw new Error(`tenant ${slug} not created`);
  return id;
}

/** A realistic website record; `n` makes content and receipt unique. */
export function websiteRecord(tenantId: string, n: number): ArchiveRecordInput {
  return {
    tenantId,
    noticeId: randomUUID(),
    noticeVersion: 1,
    publicationId: randomUUID(),
    channel: 'website',
    event: 'published',
    content: Buffer.from(`<!doctype html><html lang="nb"><h1>Kunngjøring ${n}</h1><p>Søknadsfrist om 14 dagar.</p></html>`),
    contentType: 'text/html; charset=utf-8',
    ruleVersion: 'vacancy@1',
    receipt: { url: `https://example.no/kunngjoringer/${n}`, status: 200, note: 'æøå "quoted" \\ done' },
  };
}

/**
 * Tampers as the database owner would: the guard triggers off, the change, the triggers back on, all
 * in one transaction so no other session ever sees the table unguarded.
 */
export async function tamper(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE archive_records DISABLE TRIGGER USER');
    await client.query(sql, params);
    await client.query('ALTER TABLE archive_records ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export interface ChainShape {
  sealed: number;
  unsealed: number;
  distinctSeqs: number;
  minSeq: number | null;
  maxSeq: number | null;
}

/** What a correct chain of n records looks like: seq 1..n, each once, nothing left unsealed. */
export async function chainShape(pool: pg.Pool, tenantId: string): Promise<ChainShape> {
  const { rows } = await pool.query<ChainShape>(
    `SELECT count(seq)::int AS sealed, (count(*) - count(seq))::int AS unsealed,
            count(DISTINCT seq)::int AS "distinctSeqs", min(seq) AS "minSeq", max(seq) AS "maxSeq"
     FROM archive_records WHERE tenant_id = $1`,
    [tenantId],
  );
  const [shape] = rows;
  if (shape === undefined) throw new Error('no aggregate row');
  return shape;
}
