import type { AdContent } from './ad-content.ts';

/**
 * The plain-text version of an ad, for papers that set ads themselves: the same words as the PDF,
 * UTF-8, LF line ends, paragraphs separated by a blank line, facts as `Label: value`.
 */
export function renderAdText(ad: AdContent): string {
  const blocks: string[] = [ad.municipality.toUpperCase(), ad.kind, ad.title, ...ad.paragraphs];
  if (ad.facts.length > 0) {
    blocks.push(ad.facts.map((f) => (f.lines.length === 1 ? `${f.label}: ${f.lines[0] ?? ''}` : [`${f.label}:`, ...f.lines.map((l) => `  ${l}`)].join('\n'))).join('\n'));
  }
  for (const t of ad.translations) blocks.push(t.title, ...t.paragraphs);
  blocks.push(`${ad.moreInfo.label}: ${ad.moreInfo.url}`);
  return `${blocks.join('\n\n')}\n`;
}
