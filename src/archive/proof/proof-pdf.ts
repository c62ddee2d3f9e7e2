import { DateTime } from 'luxon';
import type { Tenant } from '../../config/tenant-types.ts';
import type { NoticeInput } from '../../notices/types.ts';
import type { CheckDefinition, Finding } from '../../rules/types.ts';
import { channelRecipient } from '../journal/correspondents.ts';
import { renderPdfA, type PdfBlock } from '../rendition/pdf-a.ts';
import type { ProofRecord, ProofSeal } from './proof-facts.ts';

/** A rule check as the proof states it: applied, and passed or passed with a warning. */
export interface ProofCheck {
  definition: CheckDefinition;
  warning: Finding | undefined;
}

export interface ProofInput {
  tenant: Tenant;
  noticeId: string;
  typeTitle: string;
  content: NoticeInput;
  version: number;
  status: string;
  submittedBy: { name: string; role: string };
  createdAt: Date;
  ruleVersion: string;
  /** The rule file in force now has the version the notice was checked against. */
  ruleFileUnchanged: boolean;
  checks: readonly ProofCheck[];
  records: readonly ProofRecord[];
  seals: ReadonlyMap<number, ProofSeal | null>;
  sealKeyId: string;
  generatedAt: Date;
  generatedBy: string;
}

const EVENTS: Record<string, string> = {
  published: 'Publisert',
  delivered: 'Levert til avisen',
  withdrawn: 'Trukket tilbake',
  corrected: 'Erstattet av rettet versjon',
  failed: 'Publisering feilet',
  comment: 'Kommentar mottatt',
};

function recordBlocks(input: ProofInput, r: ProofRecord): PdfBlock[] {
  const at = DateTime.fromJSDate(r.recordedAt, { zone: input.tenant.timeZone }).toFormat("dd.MM.yyyy 'kl.' HH:mm:ss ZZ");
  const receipt = r.receipt ?? {};
  const where = typeof receipt.url === 'string' ? `Adresse: ${receipt.url}` : typeof receipt.issueDate === 'string' ? `Avisutgave: ${receipt.issueDate}${typeof receipt.page === 'number' ? `, side ${receipt.page}` : ''}` : null;
  const seal = r.seq === null ? undefined : input.seals.get(r.seq);
  return [
    { style: 'heading', text: `${EVENTS[r.event] ?? r.event} – ${channelRecipient(input.tenant, r.channel, r.target ?? '')}` },
    { style: 'fact', text: `Tidspunkt: ${at}${r.noticeVersion !== null ? ` (versjon ${r.noticeVersion})` : ''}` },
    ...(where === null ? [] : [{ style: 'fact' as const, text: where }]),
    { style: 'fact', text: `Det som gikk ut: ${r.contentType}, ${r.contentLength} byte, SHA-256 ${r.sha256.toString('hex')}` },
    r.seq === null
      ? { style: 'fact', text: 'Arkivpost ikke forseglet i kjeden ennå (skjer i løpet av sekunder).' }
      : { style: 'fact', text: `Arkivpost nr. ${r.seq}: kjedehash ${r.hash?.toString('hex') ?? '–'}, forrige ${r.prevHash?.toString('hex') ?? '–'}` },
    ...(seal ? [{ style: 'fact' as const, text: `Dekket av daglig forsegling ${seal.day} (arkivpost ${seal.seq}): kjeden endte i post ${seal.headSeq} med hash ${seal.headHash}, signert med Ed25519-nøkkel ${seal.keyId}.` }] : []),
  ];
}

/**
 * The proof of publication, a PDF/A-2b an archivist or lawyer can hand to a court or the county
 * governor: the notice, each channel with its time and address or issue, the SHA-256 of what went
 * out, the archive records with their chain hashes and the daily seals that signed them, and every
 * rule check it passed with its legal source.
 */
export function renderProof(input: ProofInput): Promise<Buffer> {
  const zone = input.tenant.timeZone;
  const local = (d: Date): string => DateTime.fromJSDate(d, { zone }).toFormat("dd.MM.yyyy 'kl.' HH:mm ZZ");
  const blocks: PdfBlock[] = [
    { style: 'title', text: 'Bekreftelse på kunngjøring' },
    { style: 'fact', text: `${input.tenant.name} (org.nr. ${input.tenant.organisationNumber}) – utstedt ${local(input.generatedAt)} av ${input.generatedBy}, fra Herald sitt arkiv.` },
    { style: 'heading', text: 'Kunngjøringen' },
    { style: 'text', text: input.content.title },
    { style: 'fact', text: `Type: ${input.typeTitle}. Id: ${input.noticeId}. Versjon ${input.version}, status ${input.status}.` },
    { style: 'fact', text: `Innsendt av ${input.submittedBy.name} (${input.submittedBy.role}) ${local(input.createdAt)}.` },
    { style: 'fact', text: `Regelfilversjon (SHA-256): ${input.ruleVersion}` },
    { style: 'heading', text: 'Kanaler og arkivposter' },
  ];
  if (input.records.length === 0) blocks.push({ style: 'text', text: 'Ingenting er publisert eller arkivert for denne kunngjøringen ennå.' });
  for (const r of input.records) blocks.push(...recordBlocks(input, r));
  blocks.push(
    { style: 'heading', text: 'Kontroller kunngjøringen besto' },
    {
      style: 'fact',
      text: input.ruleFileUnchanged
        ? 'Regelfilen som gjelder i dag har samme versjon som kunngjøringen ble kontrollert mot.'
        : 'Merk: regelfilen er endret siden kunngjøringen ble kontrollert; kontrollene under er slik de står i dag, versjonen over er den som gjaldt.',
    },
  );
  for (const c of input.checks) {
    const s = c.definition.source;
    const outcome = c.warning ? (c.warning.overrideReason !== undefined ? `overstyrt med begrunnelse: ${c.warning.overrideReason}` : `advarsel: ${c.warning.message}`) : 'bestått';
    blocks.push({ style: 'item', text: `${c.definition.id} (${c.definition.severity === 'error' ? 'krav' : 'anbefaling'}) – ${outcome}. Hjemmel: ${s.law} ${s.section}, ${s.url}` });
  }
  blocks.push(
    { style: 'heading', text: 'Slik kontrollerer du' },
    { style: 'text', text: `Hver arkivpost har hash = SHA-256(forrige hash ‖ kanonisk post) (se src/archive/canonical.ts). GET /v1/archive/verify regner hele kjeden om; de daglige forseglingene er signert med Ed25519-nøkkelen ${input.sealKeyId}, offentlig på /v1/archive/seal-key. Innholdet bak hver SHA-256 leveres av GET /v1/archive/records/<nr>/content.` },
  );
  return renderPdfA({ title: `Bekreftelse på kunngjøring: ${input.content.title}`, author: input.tenant.name, lang: 'nb', createdAt: input.generatedAt }, blocks);
}
