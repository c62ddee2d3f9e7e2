import type pg from 'pg';

/**
 * Gives back an attempt that sent nothing because the channel is paused (a rate limit, a token to
 * replace): the attempt is not counted, the lease is released, the reason stays visible in
 * `last_error`. The state returns to what it was before the claim — `publishing` when an earlier
 * attempt's outcome is still unknown (so the next one still looks before it posts), else `scheduled`.
 * Only the claimant's attempt may do this.
 */
export async function releasePaused(
  pool: pg.Pool,
  claim: { id: string; attempt: number; previousState: 'pending' | 'scheduled' | 'publishing' },
  reason: unknown,
): Promise<void> {
  await pool.query(
    `UPDATE publications SET state = CASE WHEN $3 THEN 'publishing' ELSE 'scheduled' END, attempts = attempts - 1,
            lease_until = NULL, last_error = $4, updated_at = now()
      WHERE id = $1 AND state = 'publishing' AND attempts = $2`,
    [claim.id, claim.attempt, claim.previousState === 'publishing', JSON.stringify(reason)],
  );
}
