import { createLogger } from '../../src/logger.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance, RouteOptions } from 'fastify';
import { build } from '../../src/app.ts';
import { generateApiKey } from '../../src/auth/api-key.ts';
import type { SessionOptions } from '../../src/auth/sessions.ts';
import type { Role } from '../../src/notices/types.ts';
import { insertUserWithKey } from '../../src/store/api-keys.ts';
import { syncTenants } from '../../src/store/tenants.ts';
import { loadTenantDirectory, type TenantDirectory } from '../../src/tenancy/directory.ts';
import type { Clock } from '../../src/time/clock.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { CONFIG_DIR, RULES_DIR } from './paths.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let directory: TenantDirectory | undefined;
/** The shipped tenants (asnes, karasjok) and rule files, loaded once per test file. */
export function shippedDirectory(): TenantDirectory {
  directory ??= loadTenantDirectory(CONFIG_DIR, RULES_DIR);
  return directory;
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  dataDir: string;
  queuePrefix: string;
  /** Creates a user with a key in a tenant and returns the key. */
  key(tenant: string, role: Role, name?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real API on its own database, the real Redis, and the shipped tenants and rules. */
export async function buildTestApp(
  opts: { clock?: Clock; directory?: TenantDirectory; logger?: FastifyBaseLogger; onRoute?: (route: RouteOptions) => void; sessions?: Partial<SessionOptions>; operatorKey?: string } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const dir = opts.directory ?? shippedDirectory();
  await syncTenants(db.pool, dir.tenants());
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-data-'));
  const queuePrefix = `{herald-test-${db.name}}`;
  const logger = opts.logger ?? (process.env.TEST_LOG ? createLogger('debug') : undefined);
  const app = await build({
    ...(logger ? { logger } : {}),
    directory: dir,
    pool: db.pool,
    ownsPool: false,
    redisUrl: REDIS_URL,
    dataDir,
    queuePrefix,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.onRoute ? { onRoute: opts.onRoute } : {}),
    ...(opts.sessions ? { sessions: opts.sessions } : {}),
    operatorKey: opts.operatorKey,
  });
  await app.ready();
  return {
    app,
    db,
    dataDir,
    queuePrefix,
    async key(tenant, role, name = `${role} of ${tenant}`) {
      const created = generateApiKey();
      await insertUserWithKey(db.pool, { tenantSlug: tenant, role, name, prefix: created.prefix, hash: created.hash });
      return created.key;
    },
    async close() {
      await app.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
