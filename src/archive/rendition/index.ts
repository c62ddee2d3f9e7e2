/** PDF/A-2b renditions of archive records (the extraction's DOKUMENT folder, the proof of publication). */
export { declaresPdfA, renderPdfA, type PdfBlock, type PdfMeta } from './pdf-a.ts';
export { renditionOf, type Rendition, type RecordForRendition } from './record-rendition.ts';
