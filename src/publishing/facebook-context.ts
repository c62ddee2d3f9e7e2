import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { FacebookPages, GraphClient, RateLimitPolicy } from '../channels/facebook/index.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';
import type { Clock } from '../time/clock.ts';

/** What the Facebook maintenance jobs (comment harvest, token check) work with. */
export interface FacebookJobContext {
  pool: pg.Pool;
  directory: TenantDirectory;
  client: GraphClient;
  pages: FacebookPages;
  clock: Clock;
  log: FastifyBaseLogger;
  policy: RateLimitPolicy;
  tokenRecheckMs: number;
}
