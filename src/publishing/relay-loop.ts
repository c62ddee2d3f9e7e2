import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { PublishingQueues } from '../queue/publishing-queues.ts';
import { OUTBOX_CHANNEL } from '../store/notices.ts';
import type { Clock } from '../time/clock.ts';
import { relayOutbox } from './outbox-relay.ts';

export interface RelayLoopOptions {
  pool: pg.Pool;
  databaseUrl: string;
  queues: PublishingQueues;
  log: FastifyBaseLogger;
  clock: Clock;
  /** A pass even without a NOTIFY (a lost listen connection, approvals). @defaultValue 1000 */
  pollMs?: number;
}

/**
 * Runs the outbox relay whenever the API commits a notice (LISTEN/NOTIFY) and at least every
 * `pollMs`. Passes never overlap; a wake-up during a pass triggers one more.
 */
export function startRelayLoop(opts: RelayLoopOptions): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let listener: pg.Client | null = null;

  // Read through a function: `again` is set by wake() while a pass awaits.
  const repeat = (): boolean => again && !stopped;
  const pass = async (): Promise<void> => {
    do {
      again = false;
      try {
        while ((await relayOutbox(opts.pool, opts.queues, opts.clock().getTime())) > 0 && !stopped);
      } catch (error) {
        opts.log.warn({ err: error, event: 'outbox.relay_failed' }, 'outbox relay pass failed; next pass retries');
      }
    } while (repeat());
  };
  const wake = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = null;
    });
  };

  const listen = async (): Promise<void> => {
    if (stopped) return;
    const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'herald-relay' });
    let retried = false;
    // The timer keeps relaying meanwhile; listening resumes on a fresh connection.
    const retry = (): void => {
      if (retried) return;
      retried = true;
      listener = null;
      client.end().catch(() => undefined);
      if (!stopped) setTimeout(() => void listen(), 1000).unref();
    };
    client.on('notification', wake);
    client.on('error', retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      listener = client;
    } catch {
      retry();
    }
  };
  void listen();
  const timer = setInterval(wake, opts.pollMs ?? 1000);
  wake();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await listener?.end().catch(() => undefined);
    },
  };
}
