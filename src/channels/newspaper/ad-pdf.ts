import PDFDocument from 'pdfkit';
import type { AdContent } from './ad-content.ts';
import { adBlocks, ARMS_SLOT_MM, LINE_GAP, MARGIN_MM, PT_PER_MM, type TextBlock } from './ad-layout.ts';
import { FONT_NAMES, fontOf } from './fonts.ts';

/** The ad needs more height than the paper's format allows: it is refused, never cut. */
export class AdDoesNotFit extends Error {
  constructor(
    readonly neededMm: number,
    readonly maxHeightMm: number,
    readonly paper: string,
  ) {
    super(`the ad needs ${neededMm} mm but ${paper} allows at most ${maxHeightMm} mm: shorten the text`);
    this.name = 'AdDoesNotFit';
  }
}

interface Placed extends TextBlock {
  y: number;
}

/** Space around a hairline: the line sits in the middle of it. */
const RULE_SPACE = 4;

function newDocument(ad: AdContent, createdAt: Date): PDFKit.PDFDocument {
  // XMP is written from these strings without escaping, so keep markup characters out of them.
  const plain = (s: string): string => s.replace(/&/g, '+').replace(/</g, '‹').replace(/>/g, '›');
  const doc = new PDFDocument({
    autoFirstPage: false,
    subset: 'PDF/A-2b',
    pdfVersion: '1.7',
    lang: ad.language,
    // CreationDate from the publication, not the wall clock: the same task gives the same bytes. No
    // ModDate: pdfkit writes no xmp:ModifyDate, and PDF/A wants the Info and XMP dates to agree.
    info: { Title: plain(ad.title), Author: plain(ad.municipality), Creator: 'Herald', Producer: 'Herald (PDFKit)', CreationDate: createdAt },
  });
  // pdfkit takes a parsed fontkit font (PDFFontFactory.open); @types/pdfkit names only bytes and paths.
  for (const name of FONT_NAMES) doc.registerFont(name, fontOf(name) as unknown as Buffer);
  return doc;
}

/** Places the blocks top to bottom from `top`, measuring each in `width`; returns them and the bottom. */
function place(doc: PDFKit.PDFDocument, blocks: readonly TextBlock[], top: number, width: number): { placed: Placed[]; bottom: number } {
  let y = top;
  const placed: Placed[] = [];
  for (const block of blocks) {
    if (block.ruleAbove) y += RULE_SPACE;
    y += block.before;
    placed.push({ ...block, y });
    y += doc.font(block.font).fontSize(block.size).heightOfString(block.text, { width: width - block.indent, lineGap: LINE_GAP });
  }
  return { placed, bottom: y };
}

function layout(doc: PDFKit.PDFDocument, ad: AdContent) {
  const widthPt = ad.paper.ad.columnWidthMm * ad.paper.ad.columns * PT_PER_MM;
  const margin = MARGIN_MM * PT_PER_MM;
  const inner = widthPt - 2 * margin;
  doc.x = margin;
  doc.y = margin;
  const { header, body } = adBlocks(ad);
  const top = place(doc, header, margin, inner);
  const slotBottom = margin + ARMS_SLOT_MM.height * PT_PER_MM;
  const rest = place(doc, body, Math.max(top.bottom, slotBottom), inner);
  // Whole millimetres: papers sell and place ads by the millimetre.
  const heightMm = Math.ceil((rest.bottom + margin) / PT_PER_MM);
  return { widthPt, margin, inner, placed: [...top.placed, ...rest.placed], heightMm };
}

/** The ad's size in mm for this paper; throws AdDoesNotFit when it is taller than the paper allows. */
export function measureAd(ad: AdContent): { widthMm: number; heightMm: number } {
  const doc = newDocument(ad, new Date(0));
  const { heightMm } = layout(doc, ad);
  if (heightMm > ad.paper.ad.maxHeightMm) throw new AdDoesNotFit(heightMm, ad.paper.ad.maxHeightMm, ad.paper.name);
  return { widthMm: ad.paper.ad.columnWidthMm * ad.paper.ad.columns, heightMm };
}

/**
 * The print-ready ad: one PDF/A-2b page exactly the paper's column width (columns × column width)
 * and as tall as the text needs in whole mm, fonts embedded. Pure: same content and date, same bytes.
 */
export function renderAdPdf(ad: AdContent, createdAt: Date): Promise<{ bytes: Buffer; widthMm: number; heightMm: number }> {
  return new Promise((resolve, reject) => {
    const doc = newDocument(ad, createdAt);
    const { widthPt, margin, inner, placed, heightMm } = layout(doc, ad);
    if (heightMm > ad.paper.ad.maxHeightMm) {
      reject(new AdDoesNotFit(heightMm, ad.paper.ad.maxHeightMm, ad.paper.name));
      return;
    }
    const chunks: Buffer[] = [];
    let pages = 0;
    doc.on('pageAdded', () => (pages += 1));
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      // Measuring and drawing share pdfkit's line breaking, so a second page would be a bug here.
      if (pages !== 1) reject(new Error(`the ad ran onto ${pages} pages`));
      else resolve({ bytes: Buffer.concat(chunks), widthMm: ad.paper.ad.columnWidthMm * ad.paper.ad.columns, heightMm });
    });
    const heightPt = heightMm * PT_PER_MM;
    doc.addPage({ size: [widthPt, heightPt], margin: 0 });
    doc.lineWidth(0.75).rect(0.5, 0.5, widthPt - 1, heightPt - 1).stroke();
    // The coat-of-arms slot: a reserved frame where the paper (or a later version) places the arms.
    doc.lineWidth(0.4).rect(margin, margin, ARMS_SLOT_MM.width * PT_PER_MM, ARMS_SLOT_MM.height * PT_PER_MM).stroke();
    for (const block of placed) {
      if (block.ruleAbove) {
        const lineY = block.y - block.before - RULE_SPACE / 2;
        doc.lineWidth(0.4).moveTo(margin, lineY).lineTo(margin + inner, lineY).stroke();
      }
      doc.font(block.font).fontSize(block.size).text(block.text, margin + block.indent, block.y, { width: inner - block.indent, lineGap: LINE_GAP });
    }
    doc.end();
  });
}
