import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * DejaVu Sans (free licence, from the `dejavu-fonts-ttf` package): TrueType with every Norwegian and
 * Sami letter, embedded in each ad as PDF/A requires. Read once per process.
 */
const FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;

export type FontName = keyof typeof FILES;

const loaded = new Map<FontName, Buffer>();

export function fontBytes(name: FontName): Buffer {
  let bytes = loaded.get(name);
  if (!bytes) loaded.set(name, (bytes = readFileSync(require.resolve(FILES[name]))));
  return bytes;
}

export const FONT_NAMES = Object.keys(FILES) as FontName[];
