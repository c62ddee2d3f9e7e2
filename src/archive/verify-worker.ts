import { parentPort, workerData } from 'node:worker_threads';
import { createPool } from '../store/pool.ts';
import { verifySegment } from './verify-segment.ts';

/** A worker thread's share of a verification: one stretch of the chain, on a connection of its own. */
export interface SegmentJob {
  connectionString: string;
  tenantId: string;
  from: number;
  to: number;
  batchSize: number;
}

const job = workerData as SegmentJob;
const pool = createPool(job.connectionString, 2);
try {
  parentPort?.postMessage(await verifySegment(pool, job.tenantId, job.from, job.to, null, job.batchSize));
} finally {
  await pool.end();
}
