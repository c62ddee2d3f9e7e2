import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { dateTime, type ExportContext } from './context.ts';
import { rootAttributes } from './schemas.ts';
import { systemId } from './system-id.ts';
import { cursorRows } from './working-set.ts';
import { XmlWriter } from './xml-writer.ts';

interface ChangeRow {
  unit: string;
  notice_id: string | null;
  jp_key: string | null;
  year: number | null;
  metadata: string;
  previous_value: string;
  new_value: string;
  changed_at: Date;
  changed_by: string;
}

/** The systemID the change refers to: the same derivation as arkivstruktur.xml's, so every reference hits (N5.62). */
function reference(ctx: ExportContext, c: ChangeRow): string {
  const year = ctx.period.year;
  switch (c.unit) {
    case 'arkivdel':
      return systemId(ctx.tenantId, 'arkivdel', year);
    case 'saksmappe':
      return systemId(ctx.tenantId, 'saksmappe', year, c.notice_id ?? '');
    case 'dokumentbeskrivelse':
      return systemId(ctx.tenantId, 'dokumentbeskrivelse', year, c.jp_key ?? '', 'main');
    default:
      return systemId(ctx.tenantId, 'journalpost', year, c.jp_key ?? '');
  }
}

/**
 * Writes endringslogg.xml from the change log recorded as the changes happened (archive_changes):
 * the changes, up to the end of the period, of the units in this package, and the closing of the
 * period's arkivdel (logged by the export itself). Returns how many `endring` it holds (≥ 1: the
 * closing is always there).
 */
export async function writeEndringslogg(ctx: ExportContext): Promise<number> {
  const w = new XmlWriter(createWriteStream(join(ctx.dir, 'endringslogg.xml')));
  await w.open('endringslogg', rootAttributes('endringslogg'));
  let count = 0;
  const rows = cursorRows<ChangeRow>(
    ctx.client,
    'x_changes',
    `SELECT c.unit, c.notice_id, c.year, c.metadata, c.previous_value, c.new_value, c.changed_at, c.changed_by,
            CASE WHEN c.record_id IS NOT NULL THEN 'comment:' || c.record_id
                 WHEN c.unit IN ('journalpost', 'dokumentbeskrivelse') THEN c.notice_id::text || ':' || COALESCE(c.channel, '') || ':' || COALESCE(c.target, '') END AS jp_key
       FROM archive_changes c
      WHERE c.tenant_id = $1
        AND ((c.unit = 'arkivdel' AND c.year = $2)
          OR (c.changed_at < $3 AND (
                (c.unit = 'saksmappe' AND c.notice_id IN (SELECT notice_id FROM x_case))
             OR (c.unit IN ('journalpost', 'dokumentbeskrivelse') AND c.record_id IS NULL
                 AND c.notice_id::text || ':' || COALESCE(c.channel, '') || ':' || COALESCE(c.target, '') IN (SELECT jp_key FROM x_jp WHERE NOT is_comment))
             OR (c.unit = 'journalpost' AND c.record_id IS NOT NULL AND 'comment:' || c.record_id IN (SELECT jp_key FROM x_jp WHERE is_comment)))))
      ORDER BY c.changed_at, c.id`,
    [ctx.tenantId, ctx.period.year, ctx.period.to.toJSDate()],
  );
  for await (const c of rows) {
    await w.open('endring');
    w.leaf('referanseArkivenhet', reference(ctx, c));
    w.leaf('referanseMetadata', c.metadata);
    w.leaf('endretDato', dateTime(ctx, c.changed_at));
    w.leaf('endretAv', c.changed_by);
    w.leaf('tidligereVerdi', c.previous_value);
    w.leaf('nyVerdi', c.new_value);
    await w.close('endring');
    count += 1;
  }
  await w.close('endringslogg');
  await w.end();
  return count;
}
