import type pg from 'pg';
import { COMMENT_SENDER_SCREENING } from './screening/screen.ts';

type Db = pg.Pool | pg.PoolClient;

/**
 * The change log (archive_changes, endringslogg.xml) gets most rows from triggers where publications
 * and notices change (migration 0007). What no trigger sees is logged here, by the code that does it.
 */

/** Harvested comments are screened as they are archived: their sender's name never goes public. */
export async function logCommentScreening(db: Db, tenantId: string, recordIds: readonly number[]): Promise<void> {
  if (recordIds.length === 0) return;
  await db.query(
    `INSERT INTO archive_changes (tenant_id, unit, record_id, metadata, previous_value, new_value, changed_by)
     SELECT $1, 'journalpost', id, 'skjermingMetadata', 'Ingen skjerming', $3, 'Herald' FROM unnest($2::bigint[]) AS id`,
    [tenantId, recordIds, COMMENT_SENDER_SCREENING.metadata],
  );
}

/**
 * A year's arkivdel is closed («Aktiv periode» → «Avsluttet periode», M051) when it is first
 * exported: logged once per tenant and year, at that moment.
 */
export async function logArkivdelClosed(db: Db, tenantId: string, year: number, by: string): Promise<void> {
  await db.query(
    `INSERT INTO archive_changes (tenant_id, unit, year, metadata, previous_value, new_value, changed_by)
     VALUES ($1, 'arkivdel', $2, 'arkivdelstatus', 'Aktiv periode', 'Avsluttet periode', $3)
     ON CONFLICT (tenant_id, year, metadata) WHERE unit = 'arkivdel' DO NOTHING`,
    [tenantId, year, by],
  );
}
