import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool } from '../../src/store/pool.ts';

/** The database the machine gives tests (trust auth); per-file databases are created from it. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Per checkout (TEST_TEMPLATE_DB), so two checkouts can run their suites on one server at once. */
export const TEMPLATE = process.env.TEST_TEMPLATE_DB ?? 'herald_template';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of this test file's own (a copy of the template that
 * `prepare-template.ts` migrated), because node's runner runs files in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `herald_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  const url = databaseUrl(name);
  const pool = createPool(url, 5);
  // Connections still closing when the database is dropped report "terminating connection": expected.
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
