import { DateTime } from 'luxon';
import type pg from 'pg';
import type { Tenant } from '../../config/tenant-types.ts';
import type { ScreenedField } from '../../rules/types.ts';
import type { ExportPeriod } from './period.ts';

/** `format` (M701) of the exported documents: the extension (Arkade's check) or the PRONOM id (the standard's text). */
export type DocumentFormat = 'pdf' | 'fmt/477';

/** What every part of one export shares. */
export interface ExportContext {
  /** In the export's REPEATABLE READ transaction, holding the working set. */
  client: pg.PoolClient;
  tenantId: string;
  tenant: Tenant;
  period: ExportPeriod;
  /** The extraction folder. */
  dir: string;
  format: DocumentFormat;
  exportedAt: Date;
  /** Who exported (avsluttetAv of the closed period): the archivist's name, or the CLI's. */
  exportedBy: string;
  screenedOf: (type: string) => readonly ScreenedField[];
}

/** Who Herald is in the metadata (opprettetAv, arkivertAv …). */
export const SYSTEM = 'Herald';

/** xs:dateTime with the tenant's offset, e.g. 2025-03-01T10:00:00.000+01:00. */
export function dateTime(ctx: ExportContext, at: Date): string {
  return DateTime.fromJSDate(at, { zone: ctx.tenant.timeZone }).toISO() ?? at.toISOString();
}

/** xs:date in the tenant's zone. */
export function date(ctx: ExportContext, at: Date): string {
  return DateTime.fromJSDate(at, { zone: ctx.tenant.timeZone }).toISODate() ?? at.toISOString().slice(0, 10);
}
