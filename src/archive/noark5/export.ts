import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import type { Tenant } from '../../config/tenant-types.ts';
import type { ScreenedField } from '../../rules/types.ts';
import { logArkivdelClosed } from '../changes.ts';
import { sealTenant } from '../sealer.ts';
import { writeArkivstruktur } from './arkivstruktur.ts';
import { writeArkivuttrekk } from './arkivuttrekk.ts';
import type { DocumentFormat, ExportContext } from './context.ts';
import { makeDocumentFolder } from './documents.ts';
import { writeEndringslogg } from './endringslogg.ts';
import { writeJournals } from './journals.ts';
import type { ExportPeriod } from './period.ts';
import { SCHEMAS_DIR, XSD_FILES } from './schemas.ts';
import { validateExtraction, type ValidationProblem } from './validate.ts';
import { buildWorkingSet, workingSetCounts } from './working-set.ts';

export interface ExportRequest {
  pool: pg.Pool;
  tenantId: string;
  tenant: Tenant;
  period: ExportPeriod;
  /** The folder to fill (created if missing; should be empty). */
  dir: string;
  /** @defaultValue 'pdf' (HERALD_NOARK_FORMAT) */
  format?: DocumentFormat;
  exportedBy: string;
  screenedOf: (type: string) => readonly ScreenedField[];
  now: Date;
}

export interface ExportSummary {
  records: number;
  journalposts: number;
  mapper: number;
  registreringer: number;
  dokumentfiler: number;
  endringer: number;
  /** Schema validation's findings: an extraction with any is never handed out. */
  problems: ValidationProblem[];
}

/** The period has no record of any notice: the journals need at least one journalpost. */
export class EmptyPeriod extends Error {
  constructor(readonly label: string) {
    super(`nothing of any notice was archived in ${label}`);
    this.name = 'EmptyPeriod';
  }
}

/**
 * Makes a Noark 5 v5.0 extraction of one closed period in `dir`: the six official XSDs unchanged,
 * arkivstruktur.xml (with one PDF/A-2b per record in DOKUMENT/), loependeJournal.xml,
 * offentligJournal.xml, endringslogg.xml and arkivuttrekk.xml (Arkivverket's template, with counts
 * and checksums), then validates every XML file against its XSD. Everything is read in one
 * REPEATABLE READ transaction, so the files agree with each other; the period's arkivdel is logged
 * as closed in it, committed only if the extraction validates. Streams throughout: one journalpost's
 * records in memory at a time.
 */
export async function exportExtraction(req: ExportRequest): Promise<ExportSummary> {
  // Records of a closed period are sealed within seconds of being written; make sure of it.
  await sealTenant(req.pool, req.tenantId);
  await mkdir(req.dir, { recursive: true });
  for (const xsd of XSD_FILES) await copyFile(join(SCHEMAS_DIR, xsd), join(req.dir, xsd));

  const client = await req.pool.connect();
  let committed = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await logArkivdelClosed(client, req.tenantId, req.period.year, req.exportedBy);
    const zone = req.tenant.timeZone;
    await buildWorkingSet(client, req.tenantId, zone, req.period);
    const set = await workingSetCounts(client);
    if (set.journalposts === 0) throw new EmptyPeriod(req.period.label);
    const ctx: ExportContext = {
      client,
      tenantId: req.tenantId,
      tenant: req.tenant,
      period: req.period,
      dir: req.dir,
      format: req.format ?? 'pdf',
      exportedAt: req.now,
      exportedBy: req.exportedBy,
      screenedOf: req.screenedOf,
    };
    await makeDocumentFolder(ctx);
    const structure = await writeArkivstruktur(ctx);
    const journalposts = await writeJournals(ctx);
    const endringer = await writeEndringslogg(ctx);
    await writeArkivuttrekk(req.dir, {
      recordCreator: req.tenant.name,
      systemName: 'Herald',
      archive: `${req.tenant.name} – kunngjøringsarkiv (Herald)`,
      startDate: req.period.from.toISODate() ?? '',
      endDate: req.period.lastDay,
      containsScreened: structure.skjermet,
      documentFiles: structure.dokumentfiler,
      occurrences: {
        'mappe@arkivstruktur.xml': structure.mapper,
        'registrering@arkivstruktur.xml': structure.registreringer,
        'endring@endringslogg.xml': endringer,
        'journalregistrering@loependeJournal.xml': journalposts,
        'journalregistrering@offentligJournal.xml': journalposts,
      },
    });
    const problems = await validateExtraction(req.dir);
    if (problems.length === 0) {
      await client.query('COMMIT');
      committed = true;
    }
    return { records: set.records + set.others, journalposts, mapper: structure.mapper, registreringer: structure.registreringer, dokumentfiler: structure.dokumentfiler, endringer, problems };
  } finally {
    if (!committed) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
