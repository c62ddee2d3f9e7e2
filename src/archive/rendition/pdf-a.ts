import PDFDocument from 'pdfkit';
import { FONT_NAMES, fontOf } from '../../channels/newspaper/fonts.ts';

/** One run of text in a rendition, in reading order; pdfkit flows it over as many A4 pages as needed. */
export interface PdfBlock {
  style: 'title' | 'heading' | 'text' | 'item' | 'fact' | 'code';
  text: string;
}

export interface PdfMeta {
  title: string;
  author: string;
  /** BCP 47, e.g. nb. */
  lang: string;
  /** The record's time, not the wall clock: the same record gives the same bytes in every export. */
  createdAt: Date;
}

const STYLES: Record<PdfBlock['style'], { font: 'regular' | 'bold'; size: number; before: number; indent: number }> = {
  title: { font: 'bold', size: 15, before: 0, indent: 0 },
  heading: { font: 'bold', size: 11.5, before: 10, indent: 0 },
  text: { font: 'regular', size: 10, before: 5, indent: 0 },
  item: { font: 'regular', size: 10, before: 2, indent: 14 },
  fact: { font: 'regular', size: 8.5, before: 1, indent: 0 },
  code: { font: 'regular', size: 7.5, before: 0, indent: 0 },
};

const MARGIN = 56;

/**
 * A PDF/A-2b document of text blocks, with the same PDF/A setup as the newspaper ads (pdfkit's
 * `subset: 'PDF/A-2b'`, DejaVu Sans embedded, sRGB output intent, XMP metadata). Pure: the same
 * blocks and date give the same bytes.
 */
export function renderPdfA(meta: PdfMeta, blocks: readonly PdfBlock[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // XMP is written from these strings without escaping, so keep markup characters out of them.
    const plain = (s: string): string => s.replace(/&/g, '+').replace(/</g, '‹').replace(/>/g, '›').slice(0, 500);
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      subset: 'PDF/A-2b',
      pdfVersion: '1.7',
      lang: meta.lang,
      info: { Title: plain(meta.title), Author: plain(meta.author), Creator: 'Herald', Producer: 'Herald (PDFKit)', CreationDate: meta.createdAt },
    });
    // pdfkit takes a parsed fontkit font (PDFFontFactory.open); @types/pdfkit names only bytes and paths.
    for (const name of FONT_NAMES) doc.registerFont(name, fontOf(name) as unknown as Buffer);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    const width = doc.page.width - 2 * MARGIN;
    for (const block of blocks) {
      const style = STYLES[block.style];
      doc.moveDown(style.before / 12);
      const text = block.style === 'item' ? `• ${block.text}` : block.text;
      doc.font(style.font).fontSize(style.size).text(text === '' ? ' ' : text, MARGIN + style.indent, undefined, { width: width - style.indent, lineGap: 1 });
    }
    doc.end();
  });
}

/** A PDF that declares PDF/A conformance in its XMP (pdfaid:part), as the newspaper's ads do. */
export function declaresPdfA(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' && bytes.includes('pdfaid:part');
}
