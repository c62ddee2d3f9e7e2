import { htmlBlocks } from './html-blocks.ts';
import { declaresPdfA, renderPdfA, type PdfBlock } from './pdf-a.ts';

/** A harvested comment, for the rendition of the post it was written on. */
export interface CommentForRendition {
  createdTime: string;
  author: string;
  message: string;
}

/** What a rendition needs of one archive record. */
export interface RecordForRendition {
  seq: number;
  event: string;
  channel: string | null;
  contentType: string;
  content: Buffer;
  recordedAt: Date;
  sha256: Buffer;
  receipt: unknown;
  tenantName: string;
  /** The notice's title, or what the record is. */
  title: string;
  lang: string;
  /** For a Facebook post: the comments harvested on it by the end of the exported period. */
  comments?: readonly CommentForRendition[];
}

export interface Rendition {
  bytes: Buffer;
  /** False when the record is a PDF/A already (a newspaper ad): the bytes are the record's own. */
  converted: boolean;
}

const EVENTS: Record<string, string> = {
  published: 'publisert',
  delivered: 'levert til kanalen',
  withdrawn: 'trukket tilbake',
  corrected: 'erstattet av en rettet versjon',
  failed: 'feilet',
  comment: 'kommentar mottatt',
  seal: 'daglig forsegling av arkivkjeden',
};
const CHANNELS: Record<string, string> = { website: 'kommunens nettsted', facebook: 'kommunens Facebook-side', newspaper: 'avis' };

function paragraphsOf(text: string, style: PdfBlock['style'] = 'text'): PdfBlock[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => ({ style, text: p }));
}

function json(content: Buffer): Record<string, unknown> | null {
  try {
    const value = JSON.parse(content.toString('utf8')) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

/** Text in chunks of lines: fewer, larger blocks for pdfkit to lay out. */
function codeBlocks(text: string): PdfBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: PdfBlock[] = [];
  for (let i = 0; i < lines.length; i += 40) blocks.push({ style: 'code', text: lines.slice(i, i + 40).join('\n') });
  return blocks;
}

function facebookPostBlocks(params: Record<string, unknown>, comments: readonly CommentForRendition[]): PdfBlock[] {
  const blocks: PdfBlock[] = [{ style: 'heading', text: 'Innlegget slik det ble sendt til Facebook' }];
  blocks.push(...paragraphsOf(str(params.message ?? params.caption)));
  if (typeof params.link === 'string') blocks.push({ style: 'fact', text: `Lenke: ${params.link}` });
  if (typeof params.url === 'string') blocks.push({ style: 'fact', text: `Bilde: ${params.url}` });
  if (typeof params.alt_text_custom === 'string') blocks.push({ style: 'fact', text: `Alternativ tekst: ${params.alt_text_custom}` });
  blocks.push({ style: 'heading', text: `Kommentarer (${comments.length})` });
  if (comments.length === 0) blocks.push({ style: 'text', text: 'Ingen kommentarer var høstet ved periodens slutt.' });
  for (const c of comments) {
    blocks.push({ style: 'fact', text: `${c.author}, ${c.createdTime}` }, ...paragraphsOf(c.message, 'item'));
  }
  return blocks;
}

function contentBlocks(r: RecordForRendition): PdfBlock[] {
  const type = r.contentType.toLowerCase();
  if (type.startsWith('text/html')) return htmlBlocks(r.content.toString('utf8'));
  if (type.startsWith('application/pdf')) {
    return [{ style: 'text', text: `Originalen er en PDF på ${r.content.length} byte som ikke erklærer PDF/A. Den ligger uendret i Herald som arkivpost ${r.seq} med SHA-256 over; denne siden står for den i arkivuttrekket.` }];
  }
  if (type.includes('json')) {
    const value = json(r.content);
    if (value && r.event === 'published' && r.channel === 'facebook') return facebookPostBlocks(value, r.comments ?? []);
    if (value && value.kind === 'facebook-comment') {
      const author = (value.author ?? {}) as Record<string, unknown>;
      return [
        { style: 'fact', text: `Fra: ${str(author.name) || 'ukjent'}${typeof author.id === 'string' ? ` (Facebook-id ${author.id})` : ''}` },
        { style: 'fact', text: `Skrevet: ${str(value.createdTime)}` },
        ...(typeof value.parentId === 'string' ? [{ style: 'fact' as const, text: `Svar på kommentar ${value.parentId}` }] : []),
        ...paragraphsOf(str(value.message)),
      ];
    }
    return codeBlocks(value ? JSON.stringify(value, null, 2) : r.content.toString('utf8'));
  }
  if (type.startsWith('text/')) return codeBlocks(r.content.toString('utf8'));
  return [{ style: 'text', text: `Innholdet er ${r.content.length} byte av typen ${r.contentType}; det ligger uendret i Herald som arkivpost ${r.seq}.` }];
}

function receiptFacts(receipt: unknown): PdfBlock[] {
  if (receipt === null || typeof receipt !== 'object') return [];
  const r = receipt as Record<string, unknown>;
  const facts: PdfBlock[] = [];
  if (typeof r.url === 'string') facts.push({ style: 'fact', text: `Adresse: ${r.url}` });
  if (typeof r.externalId === 'string') facts.push({ style: 'fact', text: `Kanalens id: ${r.externalId}` });
  if (typeof r.issueDate === 'string') facts.push({ style: 'fact', text: `Avisutgave: ${r.issueDate}` });
  if (typeof r.reason === 'string') facts.push({ style: 'fact', text: `Begrunnelse: ${r.reason}` });
  return facts;
}

/**
 * The PDF/A-2b of one archive record for the extraction's DOKUMENT folder: a newspaper ad (already
 * PDF/A) as it is; anything else rendered faithfully as text — the page as a reader sees it, the
 * Facebook post with its comments, a refusal or a take-down as the channel answered — under a
 * header naming the record, its time and the SHA-256 of the original bytes.
 */
export async function renditionOf(r: RecordForRendition): Promise<Rendition> {
  if (r.contentType.toLowerCase().startsWith('application/pdf') && declaresPdfA(r.content)) return { bytes: r.content, converted: false };
  const what = `${EVENTS[r.event] ?? r.event}${r.channel ? `, ${CHANNELS[r.channel] ?? r.channel}` : ''}`;
  const header: PdfBlock[] = [
    { style: 'title', text: r.title },
    { style: 'fact', text: `${r.tenantName} – arkivpost ${r.seq} i Herald: ${what}` },
    { style: 'fact', text: `Arkivert: ${r.recordedAt.toISOString()}` },
    { style: 'fact', text: `Original: ${r.contentType}, ${r.content.length} byte, SHA-256 ${r.sha256.toString('hex')}` },
    ...receiptFacts(r.receipt),
    { style: 'heading', text: 'Innhold' },
  ];
  const bytes = await renderPdfA({ title: r.title, author: r.tenantName, lang: r.lang, createdAt: r.recordedAt }, [...header, ...contentBlocks(r)]);
  return { bytes, converted: true };
}
