import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { generateApiKey } from '../../src/auth/api-key.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import type { NoticeInput } from '../../src/notices/types.ts';
import { insertUserWithKey } from '../../src/store/api-keys.ts';
import { insertNotice } from '../../src/store/notices.ts';
import { syncTenants } from '../../src/store/tenants.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { CONFIG_DIR } from './paths.ts';

/** A test database with the shipped tenants and one Åsnes user, for tests of the store below the API. */
export interface StoredNotices {
  db: TestDatabase;
  /** Stores an event notice with one pending website publication at `at`; returns the publication id. */
  websitePublication(title: string, at: Date): Promise<string>;
}

export async function storedNotices(): Promise<StoredNotices> {
  const db = await createTestDatabase();
  const tenantId = (await syncTenants(db.pool, loadTenants(CONFIG_DIR))).get('asnes') ?? '';
  const key = generateApiKey();
  const { userId } = await insertUserWithKey(db.pool, { tenantSlug: 'asnes', role: 'communications', name: 'Lager', prefix: key.prefix, hash: key.hash });
  return {
    db,
    async websitePublication(title, at) {
      const id = randomUUID();
      const inserted = await insertNotice(db.pool, {
        id: randomUUID(),
        tenantId,
        type: 'event',
        status: 'scheduled',
        publishAt: at,
        submittedBy: userId,
        content: { type: 'event', language: 'nb', title } as unknown as NoticeInput,
        ruleVersion: 'test',
        warnings: [],
        publications: [{ id, channel: 'website', target: '', scheduledAt: at, appearsAt: at, issueDate: null }],
        idempotency: null,
      });
      assert.ok(inserted);
      return id;
    },
  };
}
