import type { FastifyInstance } from 'fastify';
import type { AttentionContext } from '../notices/present.ts';
import type { TenantEntry } from '../tenancy/directory.ts';

/** What the notice views need to flag publications someone must follow up (an unconfirmed ad). */
export function attentionOf(app: FastifyInstance, entry: TenantEntry): AttentionContext {
  return { now: app.clock(), newspapers: entry.tenant.channels.newspapers };
}
