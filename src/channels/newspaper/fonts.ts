import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

const require = createRequire(import.meta.url);

/**
 * DejaVu Sans (free licence, from the `dejavu-fonts-ttf` package): TrueType with every Norwegian and
 * Sami letter, embedded in each ad as PDF/A requires.
 */
const FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;

export type FontName = keyof typeof FILES;

export const FONT_NAMES = Object.keys(FILES) as FontName[];

const parsed = new Map<FontName, Font>();

/**
 * The font parsed once per process (fontkit, the parser pdfkit itself uses). Given the file's bytes,
 * pdfkit parses the 700 kB font again for every document, which was nearly all of an ad's cost; it
 * takes a parsed font as it is. Each document still embeds its own subset.
 */
export function fontOf(name: FontName): Font {
  let font = parsed.get(name);
  if (!font) {
    const created = create(readFileSync(require.resolve(FILES[name])));
    if (!('layout' in created)) throw new Error(`${FILES[name]} is a font collection, not one font`);
    parsed.set(name, (font = created));
  }
  return font;
}
