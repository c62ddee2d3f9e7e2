import type pg from 'pg';

/** Publications by channel and state (every version): what `/metrics` reports as `herald_publications`. */
export async function publicationCounts(pool: pg.Pool): Promise<{ channel: string; state: string; count: number }[]> {
  const { rows } = await pool.query<{ channel: string; state: string; count: number }>(
    'SELECT channel, state, count(*)::int AS count FROM publications GROUP BY channel, state',
  );
  return rows;
}

/**
 * Archive records waiting for the sealer, and the age in seconds of the oldest (0 when none): how far
 * the tamper-evident chain lags behind what went out. Walks the partial index `archive_unsealed`.
 */
export async function unsealedArchive(pool: pg.Pool): Promise<{ count: number; oldestSeconds: number }> {
  const { rows } = await pool.query<{ count: number; oldest: number | null }>(
    `SELECT count(*)::int AS count, EXTRACT(EPOCH FROM now() - min(recorded_at))::float8 AS oldest FROM archive_records WHERE seq IS NULL`,
  );
  return { count: rows[0]?.count ?? 0, oldestSeconds: Math.max(0, rows[0]?.oldest ?? 0) };
}
