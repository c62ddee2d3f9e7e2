import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { NOTICE_TYPES, type NoticeInput } from '../../notices/types.ts';
import { channelLabel, channelRecipient } from '../journal/correspondents.ts';
import { COMMENT_SENDER_SCREENING, screenedValues, screenText, type Screening } from '../screening/screen.ts';
import { CLASSES, classOf } from './classes.ts';
import { date, dateTime, SYSTEM, type ExportContext } from './context.ts';
import { contentsOf, writeDocument, type DocumentFile, type ExportRecord } from './documents.ts';
import { administrativeUnit } from './units.ts';
import { rootAttributes } from './schemas.ts';
import { systemId } from './system-id.ts';
import { cursorRows } from './working-set.ts';
import { XmlWriter } from './xml-writer.ts';

/** A record of a notice, with its case and journalpost (one row of the walk). */
interface Row extends ExportRecord {
  notice_id: string;
  jp_key: string;
  jp_number: number;
  case_number: number;
  version_title: string | null;
  type: string;
  case_first_at: Date;
  case_last_at: Date;
  case_created_at: Date;
  case_version: number;
  submitter: string;
  withdrawn: boolean;
  jp_first_at: Date;
  archived_at: Date;
  sent_at: Date | null;
  jp_title: string | null;
  number_in_case: number;
  is_comment: boolean;
  target: string;
}

interface CaseState {
  first: Row;
  screenedTitle: string;
  screenings: Screening[];
  values: string[];
  content: NoticeInput;
}

interface OtherRecord extends ExportRecord {
  sealed_at: Date;
}

export interface ArkivstrukturCounts {
  mapper: number;
  registreringer: number;
  journalposter: number;
  dokumentfiler: number;
  /** Whether any unit carries skjerming (inneholderSkjermetInformasjon). */
  skjermet: boolean;
}

const EVENT_DOCUMENTS: Record<string, { type: string; title: string }> = {
  published: { type: 'Kunngjøring', title: 'publisert' },
  delivered: { type: 'Kunngjøring', title: 'levert' },
  withdrawn: { type: 'Tilbaketrekking', title: 'trukket tilbake' },
  corrected: { type: 'Rettelse', title: 'erstattet av rettet versjon' },
  failed: { type: 'Feilmelding', title: 'publisering feilet' },
  comment: { type: 'Kommentar', title: 'kommentar' },
  seal: { type: 'Forsegling', title: 'daglig forsegling av arkivkjeden' },
};

/** What kind of document a record is; a newspaper's `published` is the paper's proof of print. */
function documentKind(r: ExportRecord): { type: string; title: string } {
  if (r.channel === 'newspaper' && r.event === 'published') return { type: 'Bekreftelse', title: 'bekreftet på trykk' };
  return EVENT_DOCUMENTS[r.event] ?? { type: 'Dokument', title: r.event };
}

/** The post itself (what went out), as opposed to what happened to it afterwards. */
function isMain(r: Row): boolean {
  if (r.event === 'comment') return true;
  return r.channel === 'newspaper' ? r.event === 'delivered' : r.event === 'published';
}

function skjerming(w: XmlWriter, screenings: readonly Screening[]): void {
  const [first] = screenings;
  if (!first) return;
  // Metadata screening only (no skjermingDokument): the documents themselves are public on request.
  w.leaf('tilgangsrestriksjon', 'Unntatt offentlighet');
  w.leaf('skjermingshjemmel', first.basis);
  for (const metadata of new Set(screenings.map((s) => s.metadata))) w.leaf('skjermingMetadata', metadata);
}

/**
 * Writes arkivstruktur.xml: arkiv (the municipality) › arkivdel (the year) › klassifikasjonssystem
 * (notice types) › klasse › saksmappe (a notice) › journalpost (a post on a channel, or a comment
 * received) › dokumentbeskrivelse › dokumentobjekt (a PDF/A in DOKUMENT/, with SHA-256 and size),
 * streaming: one journalpost's records in memory at a time, each document written as it comes.
 * Corrections are new versions of the post's main document; withdrawals, refusals and the like are
 * attachments (Vedlegg) of it. Element order follows the v5.0 schema (base type before extension).
 */
export async function writeArkivstruktur(ctx: ExportContext): Promise<ArkivstrukturCounts> {
  const w = new XmlWriter(createWriteStream(join(ctx.dir, 'arkivstruktur.xml')));
  const counts: ArkivstrukturCounts = { mapper: 0, registreringer: 0, journalposter: 0, dokumentfiler: 0, skjermet: false };
  const { tenant, tenantId, period } = ctx;
  const arkivdelId = systemId(tenantId, 'arkivdel', period.year);
  const periodStart = dateTime(ctx, period.from.toJSDate());

  await w.open('arkiv', rootAttributes('arkivstruktur'));
  w.leaf('systemID', systemId(tenantId, 'arkiv'));
  w.leaf('tittel', `${tenant.name} – kunngjøringsarkiv (Herald)`);
  w.leaf('arkivstatus', 'Avsluttet');
  w.leaf('dokumentmedium', 'Elektronisk arkiv');
  w.leaf('opprettetDato', periodStart);
  w.leaf('opprettetAv', SYSTEM);
  w.leaf('avsluttetDato', dateTime(ctx, ctx.exportedAt));
  w.leaf('avsluttetAv', ctx.exportedBy);
  await w.open('arkivskaper');
  w.leaf('arkivskaperID', tenant.organisationNumber);
  w.leaf('arkivskaperNavn', tenant.name);
  await w.close('arkivskaper');

  await w.open('arkivdel');
  w.leaf('systemID', arkivdelId);
  w.leaf('tittel', `Kunngjøringer ${period.label.replace('_', ' – ')}`);
  w.leaf('arkivdelstatus', 'Avsluttet periode');
  w.leaf('dokumentmedium', 'Elektronisk arkiv');
  w.leaf('opprettetDato', periodStart);
  w.leaf('opprettetAv', SYSTEM);
  w.leaf('avsluttetDato', dateTime(ctx, ctx.exportedAt));
  w.leaf('avsluttetAv', ctx.exportedBy);
  w.leaf('arkivperiodeStartDato', period.from.toISODate());
  w.leaf('arkivperiodeSluttDato', period.lastDay);

  await w.open('klassifikasjonssystem');
  w.leaf('systemID', systemId(tenantId, 'klassifikasjonssystem'));
  w.leaf('klassifikasjonstype', 'Emnebasert, ett nivå');
  w.leaf('tittel', 'Kunngjøringstyper');
  w.leaf('opprettetDato', periodStart);
  w.leaf('opprettetAv', SYSTEM);

  const open: { klasse: string | null } = { klasse: null };
  const openKlasse = async (key: string): Promise<void> => {
    const c = classOf(key);
    await w.open('klasse');
    w.leaf('systemID', systemId(tenantId, 'klasse', c.key));
    w.leaf('klasseID', c.klasseID);
    w.leaf('tittel', c.title);
    w.leaf('opprettetDato', periodStart);
    w.leaf('opprettetAv', SYSTEM);
    open.klasse = key;
  };
  /** Every class is written, in order, used or not: empty ones in between included. */
  const moveToClass = async (key: string): Promise<void> => {
    const order = CLASSES.map((c) => c.key);
    const from = open.klasse === null ? 0 : order.indexOf(open.klasse) + 1;
    if (open.klasse !== null) await w.close('klasse');
    for (const skipped of order.slice(from, order.indexOf(key))) {
      await openKlasse(skipped);
      await w.close('klasse');
    }
    await openKlasse(key);
  };

  // --- the notices: one cursor in (class, case, journalpost, seq) order
  // The case and journalpost being written (kept on an object: closures below replace them).
  const state: { case: CaseState | null; jp: Row[] } = { case: null, jp: [] };

  const writeDocuments = async (rows: readonly Row[], title: string): Promise<void> => {
    const contents = await contentsOf(ctx, rows.map((r) => r.id));
    const files = new Map<number, DocumentFile>();
    const file = async (r: Row): Promise<DocumentFile> => {
      const written = await writeDocument(ctx, r, contents.get(r.id) ?? Buffer.alloc(0), title);
      files.set(r.id, written);
      counts.dokumentfiler += 1;
      return written;
    };
    const main = rows.filter(isMain);
    const versions = [...new Map((main.length > 0 ? main : rows.slice(0, 1)).map((r) => [r.notice_version ?? 1, r])).values()];
    const attachments = rows.filter((r) => !versions.includes(r));
    const [first] = versions;
    if (!first) return;
    const jpKey = first.jp_key;
    const mainDoc = documentKind(first);
    await w.open('dokumentbeskrivelse');
    w.leaf('systemID', systemId(tenantId, 'dokumentbeskrivelse', period.year, jpKey, 'main'));
    w.leaf('dokumenttype', mainDoc.type);
    w.leaf('dokumentstatus', 'Dokumentet er ferdigstilt');
    w.leaf('tittel', first.is_comment ? title : `${title} – ${mainDoc.title}`);
    w.leaf('opprettetDato', dateTime(ctx, first.recorded_at));
    w.leaf('opprettetAv', SYSTEM);
    w.leaf('tilknyttetRegistreringSom', 'Hoveddokument');
    w.leaf('dokumentnummer', 1);
    w.leaf('tilknyttetDato', dateTime(ctx, first.recorded_at));
    w.leaf('tilknyttetAv', SYSTEM);
    for (const version of versions) await dokumentobjekt(w, ctx, version, await file(version), version.notice_version ?? 1);
    await w.close('dokumentbeskrivelse');
    let number = 2;
    for (const a of attachments) {
      const doc = documentKind(a);
      await w.open('dokumentbeskrivelse');
      w.leaf('systemID', systemId(tenantId, 'dokumentbeskrivelse', a.seq));
      w.leaf('dokumenttype', doc.type);
      w.leaf('dokumentstatus', 'Dokumentet er ferdigstilt');
      w.leaf('tittel', `${title} – ${doc.title}`);
      w.leaf('opprettetDato', dateTime(ctx, a.recorded_at));
      w.leaf('opprettetAv', SYSTEM);
      w.leaf('tilknyttetRegistreringSom', 'Vedlegg');
      w.leaf('dokumentnummer', number++);
      w.leaf('tilknyttetDato', dateTime(ctx, a.recorded_at));
      w.leaf('tilknyttetAv', SYSTEM);
      await dokumentobjekt(w, ctx, a, await file(a), 1);
      await w.close('dokumentbeskrivelse');
    }
  };

  const flushJournalpost = async (): Promise<void> => {
    const [r] = state.jp;
    const caseRows = state.case;
    if (!r || !caseRows) return;
    const { screenedTitle, screenings, values } = caseRows;
    const comment = r.is_comment;
    const jpScreenings = comment ? [COMMENT_SENDER_SCREENING, ...screenings] : screenings;
    const label = channelLabel(ctx.tenant, r.channel, r.target);
    const fullTitle = comment ? `Kommentar på Facebook til «${caseRows.content.title}»` : `${r.jp_title ?? caseRows.content.title} (${label})`;
    const publicTitle = comment ? `Kommentar på Facebook til «${screenedTitle}»` : `${screenText(r.jp_title ?? caseRows.content.title, values)} (${label})`;
    await w.open('registrering', { 'xsi:type': 'journalpost' });
    w.leaf('systemID', systemId(tenantId, 'journalpost', period.year, r.jp_key));
    w.leaf('opprettetDato', dateTime(ctx, r.jp_first_at));
    w.leaf('opprettetAv', SYSTEM);
    w.leaf('arkivertDato', dateTime(ctx, r.archived_at));
    w.leaf('arkivertAv', SYSTEM);
    w.leaf('referanseArkivdel', arkivdelId);
    if (jpScreenings.length > 0) {
      await w.open('skjerming');
      skjerming(w, jpScreenings);
      await w.close('skjerming');
      counts.skjermet = true;
    }
    await writeDocuments(state.jp, comment ? fullTitle : r.jp_title ?? caseRows.content.title);
    w.leaf('tittel', fullTitle);
    if (jpScreenings.length > 0) w.leaf('offentligTittel', publicTitle);
    await w.open('korrespondansepart');
    if (comment) {
      w.leaf('korrespondanseparttype', 'Avsender');
      w.leaf('korrespondansepartNavn', await commentAuthor(ctx, r.id));
    } else {
      w.leaf('korrespondanseparttype', 'Mottaker');
      w.leaf('korrespondansepartNavn', channelRecipient(ctx.tenant, r.channel, r.target));
    }
    await w.close('korrespondansepart');
    w.leaf('journalaar', period.year);
    w.leaf('journalsekvensnummer', r.jp_number);
    w.leaf('journalpostnummer', r.number_in_case);
    w.leaf('journalposttype', comment ? 'Inngående dokument' : 'Utgående dokument');
    w.leaf('journalstatus', comment || r.sent_at !== null ? 'Arkivert' : 'Utgår');
    w.leaf('journaldato', date(ctx, r.jp_first_at));
    w.leaf('dokumentetsDato', date(ctx, r.jp_first_at));
    if (comment) w.leaf('mottattDato', dateTime(ctx, r.jp_first_at));
    else if (r.sent_at !== null) w.leaf('sendtDato', dateTime(ctx, r.sent_at));
    await w.close('registrering');
    counts.registreringer += 1;
    counts.journalposter += 1;
    state.jp = [];
  };

  const flushCase = async (): Promise<void> => {
    await flushJournalpost();
    if (!state.case) return;
    const { first, content } = state.case;
    w.leaf('saksaar', period.year);
    w.leaf('sakssekvensnummer', first.case_number);
    w.leaf('saksdato', date(ctx, first.case_created_at));
    w.leaf('administrativEnhet', administrativeUnit(content, ctx.tenant));
    w.leaf('saksansvarlig', first.submitter);
    w.leaf('saksstatus', first.withdrawn ? 'Utgår' : 'Avsluttet');
    await w.close('mappe');
    counts.mapper += 1;
    state.case = null;
  };

  const openCase = async (r: Row): Promise<void> => {
    const { rows } = await ctx.client.query<{ content: NoticeInput }>('SELECT content FROM notice_versions WHERE notice_id = $1 AND version = $2', [r.notice_id, r.case_version]);
    const content = rows[0]?.content ?? ({ title: r.version_title ?? '', fields: {} } as NoticeInput);
    const found = screenedValues(content, ctx.screenedOf(r.type));
    const screenedTitle = screenText(content.title, found.values);
    state.case = { first: r, screenedTitle, screenings: found.screenings, values: found.values, content };
    await w.open('mappe', { 'xsi:type': 'saksmappe' });
    w.leaf('systemID', systemId(tenantId, 'saksmappe', period.year, r.notice_id));
    w.leaf('mappeID', `${period.year}/${r.case_number}`);
    w.leaf('tittel', content.title);
    if (found.screenings.length > 0) w.leaf('offentligTittel', screenedTitle);
    w.leaf('opprettetDato', dateTime(ctx, r.case_first_at));
    w.leaf('opprettetAv', r.submitter);
    w.leaf('avsluttetDato', dateTime(ctx, r.case_last_at));
    w.leaf('avsluttetAv', SYSTEM);
    w.leaf('referanseArkivdel', arkivdelId);
    if (found.screenings.length > 0) {
      await w.open('skjerming');
      skjerming(w, found.screenings);
      await w.close('skjerming');
      counts.skjermet = true;
    }
  };

  const rows = cursorRows<Row>(
    ctx.client,
    'x_arkivstruktur',
    `SELECT x.id, x.seq, x.recorded_at, x.notice_id, x.notice_version, x.channel, x.event, x.target, x.jp_key, x.receipt,
            x.jp_number, x.case_number, x.publication_id, x.content_type, x.content_sha256, x.version_title, x.language,
            c.type, c.first_at AS case_first_at, c.last_at AS case_last_at, c.created_at AS case_created_at, c.version AS case_version,
            c.submitter, c.withdrawn, x.jp_first_at, j.archived_at, j.sent_at, j.title AS jp_title, j.number_in_case, j.is_comment
       FROM x_rec x JOIN x_case c ON c.case_number = x.case_number JOIN x_jp j ON j.jp_number = x.jp_number
      ORDER BY array_position($1::text[], c.type), x.case_number, x.jp_number, x.seq`,
    [NOTICE_TYPES],
  );
  for await (const r of rows) {
    if (state.case?.first.case_number !== r.case_number) {
      await flushCase();
      if (open.klasse !== r.type) await moveToClass(r.type);
      await openCase(r);
    } else if (state.jp[0]?.jp_number !== r.jp_number) {
      await flushJournalpost();
    }
    state.jp.push(r);
  }
  await flushCase();

  // --- records of no notice: plain registreringer in the HERALD class
  await moveToClass('herald');
  const others = cursorRows<OtherRecord>(
    ctx.client,
    'x_others',
    `SELECT id, seq, recorded_at, NULL::int AS notice_version, channel, event, NULL::uuid AS publication_id, content_type, content_sha256, receipt, NULL::text AS language, sealed_at
       FROM x_other ORDER BY seq`,
  );
  for await (const o of others) {
    const doc = documentKind(o);
    const title = o.event === 'seal' ? `Daglig forsegling ${dayOf(o.receipt)}` : `Leveranse til ${channelLabel(ctx.tenant, o.channel, '')}`;
    await w.open('registrering');
    w.leaf('systemID', systemId(tenantId, 'registrering', o.seq));
    w.leaf('opprettetDato', dateTime(ctx, o.recorded_at));
    w.leaf('opprettetAv', SYSTEM);
    w.leaf('arkivertDato', dateTime(ctx, o.sealed_at));
    w.leaf('arkivertAv', SYSTEM);
    w.leaf('referanseArkivdel', arkivdelId);
    const content = (await contentsOf(ctx, [o.id])).get(o.id) ?? Buffer.alloc(0);
    await w.open('dokumentbeskrivelse');
    w.leaf('systemID', systemId(tenantId, 'dokumentbeskrivelse', o.seq));
    w.leaf('dokumenttype', doc.type);
    w.leaf('dokumentstatus', 'Dokumentet er ferdigstilt');
    w.leaf('tittel', title);
    w.leaf('opprettetDato', dateTime(ctx, o.recorded_at));
    w.leaf('opprettetAv', SYSTEM);
    w.leaf('tilknyttetRegistreringSom', 'Hoveddokument');
    w.leaf('dokumentnummer', 1);
    w.leaf('tilknyttetDato', dateTime(ctx, o.recorded_at));
    w.leaf('tilknyttetAv', SYSTEM);
    const written = await writeDocument(ctx, o, content, title);
    counts.dokumentfiler += 1;
    await dokumentobjekt(w, ctx, o, written, 1);
    await w.close('dokumentbeskrivelse');
    w.leaf('tittel', title);
    await w.close('registrering');
    counts.registreringer += 1;
  }
  await w.close('klasse');
  await w.close('klassifikasjonssystem');
  await w.close('arkivdel');
  await w.close('arkiv');
  await w.end();
  return counts;
}

function dayOf(receipt: unknown): string {
  return receipt !== null && typeof receipt === 'object' && typeof (receipt as { day?: unknown }).day === 'string' ? (receipt as { day: string }).day : '';
}

async function commentAuthor(ctx: ExportContext, recordId: number): Promise<string> {
  const { rows } = await ctx.client.query<{ name: string | null }>(
    `SELECT convert_from(content, 'UTF8')::jsonb #>> '{author,name}' AS name FROM archive_records WHERE id = $1`,
    [recordId],
  );
  return rows[0]?.name ?? 'Ukjent avsender';
}

const PRONOM = 'fmt/477';

async function dokumentobjekt(w: XmlWriter, ctx: ExportContext, r: ExportRecord, file: DocumentFile, version: number): Promise<void> {
  await w.open('dokumentobjekt');
  w.leaf('systemID', systemId(ctx.tenantId, 'dokumentobjekt', r.seq));
  w.leaf('versjonsnummer', version);
  w.leaf('variantformat', 'Arkivformat');
  w.leaf('format', ctx.format);
  w.leaf('formatDetaljer', ctx.format === 'pdf' ? `${PRONOM} (PDF/A-2b)` : 'PDF/A-2b (pdf)');
  w.leaf('opprettetDato', dateTime(ctx, r.recorded_at));
  w.leaf('opprettetAv', SYSTEM);
  w.leaf('referanseDokumentfil', file.path);
  w.leaf('sjekksum', file.sha256);
  w.leaf('sjekksumAlgoritme', 'SHA256');
  w.leaf('filstoerrelse', file.size);
  if (file.convertedFrom !== null) {
    await w.open('konvertering');
    w.leaf('konvertertDato', dateTime(ctx, ctx.exportedAt));
    w.leaf('konvertertAv', SYSTEM);
    w.leaf('konvertertFraFormat', file.convertedFrom);
    w.leaf('konvertertTilFormat', 'PDF/A-2b');
    w.leaf('konverteringsverktoey', 'Herald (PDFKit)');
    w.leaf('konverteringskommentar', `Gjengivelse av arkivpost ${r.seq}; originalens SHA-256 er ${r.content_sha256.toString('hex')}`);
    await w.close('konvertering');
  }
  await w.close('dokumentobjekt');
}
