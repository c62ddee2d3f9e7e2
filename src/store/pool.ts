import pg from 'pg';

/** The pool every part of Herald shares; `timestamptz` comes back as Date, `bigint` counts as number. */
export function createPool(connectionString: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString, max, application_name: 'herald' });
}

// COUNT(*) and bigserial ids stay far below 2^53 in any municipality's lifetime.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
