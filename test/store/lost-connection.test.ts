import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPool } from '../../src/store/pool.ts';
import { inTransaction } from '../../src/store/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

// Found by the soak (npm run soak restarts PostgreSQL): a client checked out of the pool — inside a
// transaction, between two statements — whose server connection is cut emits 'error' on itself,
// where the pool no longer listens. Unheard, that error is an uncaught exception and the whole API
// process went down with it. Now the transaction fails (503 for the caller) and the process lives.

let db: TestDatabase;

before(async () => {
  db = await createTestDatabase();
});
after(() => db.drop());

test('a transaction whose connection is terminated between statements fails; no uncaught error, and the pool serves the next query', async () => {
  const pool = createPool(db.url, 2);
  pool.on('error', () => undefined);
  const uncaught: unknown[] = [];
  const keep = (error: unknown): void => {
    uncaught.push(error);
  };
  process.on('uncaughtException', keep);
  try {
    const work = inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      // The server's goodbye arrives while this client runs no statement, as during a restart.
      await sleep(300);
      await client.query('SELECT 1');
    });
    await assert.rejects(work);
    assert.deepEqual(uncaught, [], 'the lost connection surfaced as an uncaught exception');
    const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
    assert.equal(rows[0]?.one, 1);
  } finally {
    process.off('uncaughtException', keep);
    await pool.end();
  }
});
