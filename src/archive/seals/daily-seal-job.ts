import type pg from 'pg';
import type { TenantDirectory } from '../../tenancy/directory.ts';
import { sealDays, type SealedDay } from './daily-seal.ts';
import type { SealKey } from './seal-key.ts';

/** The maintenance job's name. */
export const DAILY_SEAL_JOB = 'daily-seal';

export interface DailySealData {
  timeZone: string;
}

/** A BullMQ job scheduler: cron at local midnight in one zone (`tz` makes BullMQ follow its DST shifts). */
export interface DailySealSchedule {
  id: string;
  repeat: { pattern: string; tz: string };
  data: DailySealData;
}

/** One schedule per time zone in use: every tenant is sealed at the end of its own local day. */
export function dailySealSchedules(directory: TenantDirectory): DailySealSchedule[] {
  const zones = [...new Set(directory.tenants().map((t) => t.timeZone))].sort();
  return zones.map((zone) => ({ id: `${DAILY_SEAL_JOB}:${zone}`, repeat: { pattern: '0 0 * * *', tz: zone }, data: { timeZone: zone } }));
}

/** The job: seals the day that ended for every configured tenant of the job's time zone. */
export async function runDailySeals(pool: pg.Pool, key: SealKey, directory: TenantDirectory, data: unknown, now: Date): Promise<SealedDay[]> {
  const zone = (data as Partial<DailySealData> | undefined)?.timeZone;
  const slugs = directory.tenants().filter((t) => zone === undefined || t.timeZone === zone).map((t) => t.slug);
  if (slugs.length === 0) return [];
  const { rows } = await pool.query<{ id: string; slug: string }>('SELECT id, slug FROM tenants WHERE slug = ANY($1::text[]) ORDER BY slug', [slugs]);
  const zoneOf = new Map(directory.tenants().map((t) => [t.slug, t.timeZone]));
  return sealDays(pool, key, rows.map((r) => ({ id: r.id, slug: r.slug, timeZone: zoneOf.get(r.slug) ?? 'Europe/Oslo' })), now);
}
