import type { AdContent } from './ad-content.ts';
import type { FontName } from './fonts.ts';

/** Points per millimetre (PDF user space is 1/72 inch). */
export const PT_PER_MM = 72 / 25.4;

/** Inner margin of the ad, and the coat-of-arms slot beside the municipality's name, in mm. */
export const MARGIN_MM = 2.5;
export const ARMS_SLOT_MM = { width: 9, height: 11, gap: 2 } as const;

/** One run of text in the ad: its font, size, the space above it, and how far it is indented. */
export interface TextBlock {
  font: FontName;
  size: number;
  text: string;
  /** Points above the block. */
  before: number;
  /** Points from the inner left edge. */
  indent: number;
  /** A hairline above the block (under the header, above the footer). */
  ruleAbove?: boolean;
}

const LINE_GAP = 1;

export { LINE_GAP };

/**
 * The ad as a list of text blocks in reading order. The header's two blocks sit beside the
 * coat-of-arms slot (indented past it); everything else spans the full inner width.
 */
export function adBlocks(ad: AdContent): { header: TextBlock[]; body: TextBlock[] } {
  const beside = (ARMS_SLOT_MM.width + ARMS_SLOT_MM.gap) * PT_PER_MM;
  const header: TextBlock[] = [
    { font: 'bold', size: 10, text: ad.municipality, before: 0, indent: beside },
    { font: 'regular', size: 8, text: ad.kind, before: 1, indent: beside },
  ];
  const body: TextBlock[] = [{ font: 'bold', size: 11, text: ad.title, before: 4, indent: 0, ruleAbove: true }];
  for (const p of ad.paragraphs) body.push({ font: 'regular', size: 8.5, text: p, before: 3, indent: 0 });
  ad.facts.forEach((fact, i) => {
    body.push({ font: 'bold', size: 7.5, text: fact.label, before: i === 0 ? 6 : 3, indent: 0 });
    for (const line of fact.lines) body.push({ font: 'regular', size: 8, text: line, before: 0.5, indent: 0 });
  });
  for (const t of ad.translations) {
    body.push({ font: 'bold', size: 10, text: t.title, before: 7, indent: 0 });
    for (const p of t.paragraphs) body.push({ font: 'regular', size: 8.5, text: p, before: 3, indent: 0 });
  }
  body.push({ font: 'bold', size: 7.5, text: ad.moreInfo.label, before: 6, indent: 0, ruleAbove: true });
  body.push({ font: 'regular', size: 7.5, text: ad.moreInfo.url, before: 0.5, indent: 0 });
  return { header, body };
}
