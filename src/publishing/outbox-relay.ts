import type pg from 'pg';
import type { DuePublication, PublishingQueues } from '../queue/publishing-queues.ts';
import { markScheduled } from '../store/publications.ts';

/**
 * The relay of the transactional outbox (principle 1): publications committed as `pending` for a
 * notice that may go out are handed to the queues in bulk and become `scheduled`. The API only
 * writes PostgreSQL; the workers move rows to Redis. SKIP LOCKED lets several worker processes relay
 * side by side; a publication relayed twice is harmless (its job id is its own id).
 *   $1 batch size
 */
const TAKE_PENDING = `
SELECT p.id, p.channel, p.scheduled_at AS "scheduledAt"
  FROM publications p JOIN notices n ON n.id = p.notice_id AND n.current_version = p.notice_version
 WHERE p.state = 'pending' AND n.status = 'scheduled'
 ORDER BY p.scheduled_at
 LIMIT $1
   FOR UPDATE OF p SKIP LOCKED`;

/** Publications withdrawn while out: their take-down jobs (the job id dedupes a repeat). */
const TAKE_WITHDRAWING = `SELECT id, channel FROM publications WHERE state = 'withdrawing' ORDER BY updated_at LIMIT $1`;

/** Relays one batch; returns how many publications it handed over. */
export async function relayOutbox(pool: pg.Pool, queues: PublishingQueues, now: number, batchSize = 1000): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<DuePublication>({ name: 'take-pending', text: TAKE_PENDING, values: [batchSize] });
    const withdrawing = await client.query<{ id: string; channel: DuePublication['channel'] }>(TAKE_WITHDRAWING, [batchSize]);
    if (withdrawing.rows.length > 0) await queues.enqueueWithdrawals(withdrawing.rows);
    if (rows.length > 0) {
      await queues.enqueue(rows, now);
      await markScheduled(client, rows.map((r) => r.id));
    }
    await client.query('COMMIT');
    return rows.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
