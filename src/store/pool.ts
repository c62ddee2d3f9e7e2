import pg from 'pg';

/** The pool every part of Herald shares; `timestamptz` comes back as Date, `bigint` counts as number. */
export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'herald' });
  // A client checked out of the pool (in a transaction, between statements) that loses its server
  // emits 'error' on itself, where the pool no longer listens: unheard, that is an uncaught exception
  // and the process dies (a PostgreSQL restart took an API process down in the soak). Its next
  // statement fails anyway, and the pool drops the broken client on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

// COUNT(*) and bigserial ids stay far below 2^53 in any municipality's lifetime.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
