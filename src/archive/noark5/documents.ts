import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renditionOf, type CommentForRendition } from '../rendition/record-rendition.ts';
import type { ExportContext } from './context.ts';

/** A record of the working set, as the document writers need it. */
export interface ExportRecord {
  id: number;
  seq: number;
  recorded_at: Date;
  notice_version: number | null;
  channel: string | null;
  event: string;
  publication_id: string | null;
  content_type: string;
  content_sha256: Buffer;
  receipt: unknown;
  language: string | null;
}

/** A written DOKUMENT file: what its dokumentobjekt records. */
export interface DocumentFile {
  path: string;
  sha256: string;
  size: number;
  /** The original's type when the file is a rendition (konvertering), null when it is the record's own bytes. */
  convertedFrom: string | null;
}

/** The records' contents, one query for a journalpost's few records (memory: one journalpost). */
export async function contentsOf(ctx: ExportContext, ids: readonly number[]): Promise<Map<number, Buffer>> {
  const { rows } = await ctx.client.query<{ id: number; content: Buffer }>('SELECT id, content FROM archive_records WHERE id = ANY($1::bigint[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.content]));
}

/** The comments harvested on a Facebook post by the end of the period, oldest first. */
export async function commentsOn(ctx: ExportContext, publicationId: string): Promise<CommentForRendition[]> {
  const { rows } = await ctx.client.query<{ content: Buffer }>(
    `SELECT content FROM archive_records
      WHERE tenant_id = $1 AND event = 'comment' AND publication_id = $2 AND seq IS NOT NULL AND recorded_at < $3
      ORDER BY seq`,
    [ctx.tenantId, publicationId, ctx.period.to.toJSDate()],
  );
  return rows.map((r) => {
    try {
      const c = JSON.parse(r.content.toString('utf8')) as { createdTime?: string; author?: { name?: string | null }; message?: string };
      return { createdTime: c.createdTime ?? '', author: c.author?.name ?? 'ukjent', message: c.message ?? '' };
    } catch {
      // Its own record (and rendition) keeps whatever it holds; here it is only named.
      return { createdTime: '', author: 'ukjent', message: r.content.toString('utf8') };
    }
  });
}

/** DOKUMENT/<year>/<seq>.pdf: one file per record, so never two records in one file (Arkade N5.34). */
export function documentPath(ctx: ExportContext, seq: number): string {
  return `DOKUMENT/${ctx.period.year}/${String(seq).padStart(8, '0')}.pdf`;
}

/** Makes DOKUMENT/<year>/ before the first document is written. */
export async function makeDocumentFolder(ctx: ExportContext): Promise<void> {
  await mkdir(join(ctx.dir, 'DOKUMENT', String(ctx.period.year)), { recursive: true });
}

/** Renders one record to PDF/A-2b (or takes its own PDF/A) and writes it as DOKUMENT/<year>/<seq>.pdf. */
export async function writeDocument(ctx: ExportContext, record: ExportRecord, content: Buffer, title: string): Promise<DocumentFile> {
  const comments = record.channel === 'facebook' && record.event === 'published' && record.publication_id !== null ? await commentsOn(ctx, record.publication_id) : undefined;
  const rendition = await renditionOf({
    seq: record.seq,
    event: record.event,
    channel: record.channel,
    contentType: record.content_type,
    content,
    recordedAt: record.recorded_at,
    sha256: record.content_sha256,
    receipt: record.receipt,
    tenantName: ctx.tenant.name,
    title,
    lang: record.language ?? ctx.tenant.language,
    ...(comments && { comments }),
  });
  const relative = documentPath(ctx, record.seq);
  await writeFile(join(ctx.dir, relative), rendition.bytes);
  return {
    path: relative,
    sha256: createHash('sha256').update(rendition.bytes).digest('hex'),
    size: rendition.bytes.length,
    convertedFrom: rendition.converted ? record.content_type : null,
  };
}
