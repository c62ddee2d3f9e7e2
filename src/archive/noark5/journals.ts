import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { NoticeInput } from '../../notices/types.ts';
import { channelLabel, channelRecipient } from '../journal/correspondents.ts';
import { COMMENT_SENDER_SCREENING, SCREENED, screenedValues, screenText, type Screening } from '../screening/screen.ts';
import { classOf } from './classes.ts';
import { date, type ExportContext } from './context.ts';
import { rootAttributes } from './schemas.ts';
import { systemId } from './system-id.ts';
import { administrativeUnit } from './units.ts';
import { cursorRows } from './working-set.ts';
import { XmlWriter } from './xml-writer.ts';

interface JournalRow {
  jp_number: number;
  jp_key: string;
  case_number: number;
  notice_id: string;
  channel: string | null;
  target: string;
  is_comment: boolean;
  first_at: Date;
  jp_title: string | null;
  number_in_case: number;
  type: string;
  submitter: string;
  version: number;
  author: string | null;
}

interface CaseView {
  title: string;
  publicTitle: string;
  values: string[];
  screenings: Screening[];
  unit: string;
}

/** Cases looked up once each; journalposts of one case come close together, so a small cache serves. */
const CASE_CACHE = 2000;

/**
 * Writes loependeJournal.xml (every journalpost of the period, full titles and correspondents) and
 * offentligJournal.xml (the same journalposts, screened: no `tittel`, only `offentligTittel` with
 * screened words as ******, comment senders as ******), in journal-number order, in one pass.
 * Returns how many journalposts each holds.
 */
export async function writeJournals(ctx: ExportContext): Promise<number> {
  const running = new XmlWriter(createWriteStream(join(ctx.dir, 'loependeJournal.xml')));
  const open = new XmlWriter(createWriteStream(join(ctx.dir, 'offentligJournal.xml')));
  const { period, tenant, tenantId } = ctx;
  const { rows: countRows } = await ctx.client.query<{ n: number }>('SELECT count(*)::int AS n FROM x_jp');
  const total = countRows[0]?.n ?? 0;
  const arkivdelId = systemId(tenantId, 'arkivdel', period.year);

  for (const [w, root] of [[running, 'loependeJournal'], [open, 'offentligJournal']] as const) {
    await w.open(root, rootAttributes(root));
    await w.open('journalhode');
    w.leaf('journalStartDato', period.from.toISODate());
    w.leaf('journalSluttDato', period.lastDay);
    w.leaf('seleksjon', `journalposter med dokumenter arkivert ${period.from.toISODate() ?? ''} til ${period.lastDay}`);
    w.leaf('antallJournalposter', total);
    await w.open('arkivskaper');
    w.leaf('arkivskaperID', tenant.organisationNumber);
    w.leaf('arkivskaperNavn', tenant.name);
    await w.close('arkivskaper');
    await w.close('journalhode');
  }

  const cases = new Map<number, CaseView>();
  const caseOf = async (r: JournalRow): Promise<CaseView> => {
    const cached = cases.get(r.case_number);
    if (cached) return cached;
    const { rows } = await ctx.client.query<{ content: NoticeInput }>('SELECT content FROM notice_versions WHERE notice_id = $1 AND version = $2', [r.notice_id, r.version]);
    const content = rows[0]?.content ?? ({ title: r.jp_title ?? '', fields: {} } as NoticeInput);
    const found = screenedValues(content, ctx.screenedOf(r.type));
    const view = { title: content.title, publicTitle: screenText(content.title, found.values), values: found.values, screenings: found.screenings, unit: administrativeUnit(content, tenant) };
    if (cases.size >= CASE_CACHE) cases.delete(cases.keys().next().value ?? 0);
    cases.set(r.case_number, view);
    return view;
  };

  const rows = cursorRows<JournalRow>(
    ctx.client,
    'x_journals',
    `SELECT j.jp_number, j.jp_key, j.case_number, j.notice_id, j.channel, j.target, j.is_comment, j.first_at, j.title AS jp_title,
            j.number_in_case, c.type, c.submitter, c.version,
            CASE WHEN j.is_comment THEN convert_from(r.content, 'UTF8')::jsonb #>> '{author,name}' END AS author
       FROM x_jp j JOIN x_case c ON c.case_number = j.case_number LEFT JOIN archive_records r ON r.id = j.comment_record_id
      ORDER BY j.jp_number`,
  );
  for await (const r of rows) {
    const c = await caseOf(r);
    const klasse = classOf(r.type);
    const label = channelLabel(tenant, r.channel, r.target);
    const title = r.is_comment ? `Kommentar på Facebook til «${c.title}»` : `${r.jp_title ?? c.title} (${label})`;
    const publicTitle = r.is_comment ? `Kommentar på Facebook til «${c.publicTitle}»` : `${screenText(r.jp_title ?? c.title, c.values)} (${label})`;
    const screenings = r.is_comment ? [COMMENT_SENDER_SCREENING, ...c.screenings] : c.screenings;
    const correspondent = r.is_comment
      ? { type: 'Avsender', name: r.author ?? 'Ukjent avsender', publicName: SCREENED }
      : { type: 'Mottaker', name: channelRecipient(tenant, r.channel, r.target), publicName: channelRecipient(tenant, r.channel, r.target) };
    const jpId = systemId(tenantId, 'journalpost', period.year, r.jp_key);
    const day = date(ctx, r.first_at);

    // loependeJournal: everything, full names.
    await running.open('journalregistrering');
    await running.open('klasse');
    running.leaf('klasseID', klasse.klasseID);
    running.leaf('tittel', klasse.title);
    await running.close('klasse');
    await running.open('saksmappe');
    running.leaf('mappeID', `${period.year}/${r.case_number}`);
    running.leaf('saksaar', period.year);
    running.leaf('sakssekvensnummer', r.case_number);
    running.leaf('tittel', c.title);
    if (c.screenings.length > 0) {
      running.leaf('offentligTittel', c.publicTitle);
      running.leaf('skjermingMetadata', c.screenings[0]?.metadata);
    }
    running.leaf('administrativEnhet', c.unit);
    running.leaf('saksansvarlig', r.submitter);
    running.leaf('referanseArkivdel', arkivdelId);
    await running.close('saksmappe');
    await running.open('journalpost');
    running.leaf('systemID', jpId);
    running.leaf('journalaar', period.year);
    running.leaf('journalsekvensnummer', r.jp_number);
    running.leaf('journalpostnummer', r.number_in_case);
    running.leaf('tittel', title);
    if (screenings.length > 0) running.leaf('offentligTittel', publicTitle);
    running.leaf('journaldato', day);
    running.leaf('dokumentetsDato', day);
    running.leaf('administrativEnhet', c.unit);
    if (screenings.length > 0) {
      running.leaf('tilgangsrestriksjon', 'Unntatt offentlighet');
      running.leaf('skjermingshjemmel', screenings[0]?.basis);
    }
    await running.open('korrespondansepart');
    running.leaf('korrespondanseparttype', correspondent.type);
    running.leaf('korrespondansepartNavn', correspondent.name);
    if (r.is_comment) running.leaf('skjermingMetadata', COMMENT_SENDER_SCREENING.metadata);
    await running.close('korrespondansepart');
    await running.close('journalpost');
    await running.close('journalregistrering');

    // offentligJournal: the same journalpost as the public may see it.
    await open.open('journalregistrering');
    await open.open('klasse');
    open.leaf('klasseID', klasse.klasseID);
    open.leaf('tittel', klasse.title);
    await open.close('klasse');
    await open.open('saksmappe');
    open.leaf('mappeID', `${period.year}/${r.case_number}`);
    open.leaf('saksaar', period.year);
    open.leaf('sakssekvensnummer', r.case_number);
    open.leaf('offentligTittel', c.publicTitle);
    open.leaf('administrativEnhet', c.unit);
    open.leaf('saksansvarlig', r.submitter);
    if (c.screenings.length > 0) {
      open.leaf('tilgangsrestriksjon', 'Unntatt offentlighet');
      open.leaf('skjermingshjemmel', c.screenings[0]?.basis);
    }
    await open.close('saksmappe');
    await open.open('journalpost');
    open.leaf('systemID', jpId);
    open.leaf('journalaar', period.year);
    open.leaf('journalsekvensnummer', r.jp_number);
    open.leaf('journalpostnummer', r.number_in_case);
    open.leaf('offentligTittel', publicTitle);
    if (screenings.length > 0) open.leaf('skjermingMetadata', screenings[0]?.metadata);
    open.leaf('journaldato', day);
    open.leaf('dokumentetsDato', day);
    open.leaf('administrativEnhet', c.unit);
    if (screenings.length > 0) {
      open.leaf('tilgangsrestriksjon', 'Unntatt offentlighet');
      open.leaf('skjermingshjemmel', screenings[0]?.basis);
    }
    await open.open('korrespondansepart');
    open.leaf('korrespondanseparttype', correspondent.type);
    open.leaf('korrespondansepartNavn', correspondent.publicName);
    await open.close('korrespondansepart');
    await open.close('journalpost');
    await open.close('journalregistrering');
  }
  await running.close('loependeJournal');
  await open.close('offentligJournal');
  await running.end();
  await open.end();
  return total;
}
