import { Worker, type Job } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { connectionFor, type QueueConfig } from '../src/queue/connection.ts';
import { MAINTENANCE_QUEUE } from '../src/queue/names.ts';

/** A maintenance task by job name: sealing the archive, reconciling, refreshing listings. */
export type MaintenanceTasks = Record<string, (job: Job) => Promise<unknown>>;

/** One worker for the periodic jobs; each task is idempotent, so a repeat or a race is harmless. */
export function createMaintenanceWorker(tasks: MaintenanceTasks, queue: QueueConfig, log: FastifyBaseLogger): Worker {
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      const task = tasks[job.name];
      if (!task) throw new Error(`unknown maintenance job "${job.name}"`);
      return task(job);
    },
    // Listing rebuilds of large tenants take a second or two each; with two slots, two of them left a
    // seal job waiting behind them that long (the fan-out bench saw its last seal 2 s late).
    { connection: connectionFor(queue, 'worker'), prefix: queue.prefix, concurrency: 4 },
  );
  worker.on('failed', (job, error) => {
    log.warn({ err: error, job: job?.name }, 'maintenance job failed');
  });
  worker.on('error', (error) => {
    log.warn({ err: error }, 'maintenance worker connection error');
  });
  return worker;
}
