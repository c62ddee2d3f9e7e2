import { pointerSegments } from '../../rules/pointer.ts';
import type { LegalSource, ScreenedField } from '../../rules/types.ts';

/** What screened text is replaced with (Noark 5 M025 offentligTittel). */
export const SCREENED = '******';

/** One screening applied to a journal entry: what (M502) and on which legal basis (M501). */
export interface Screening {
  metadata: string;
  basis: string;
}

export function basisOf(source: LegalSource): string {
  return `${source.law} ${source.section}`;
}

/**
 * A harvested comment's author is a private person: the public journal names no sender. The basis
 * is offentlegforskrifta's rules for journals on the Internet (§§ 6–7; see shared research legal.md,
 * "common.offl.internet": the section numbers come from secondary sources).
 */
export const COMMENT_SENDER_SCREENING: Screening = { metadata: 'Skjerming navn avsender', basis: 'offentlegforskrifta §§ 6–7' };

/** Concrete pointers (`/fields/agenda/2/title`) for a pattern with `*`, against a value. */
function expand(root: unknown, segments: readonly string[], prefix: string[] = []): string[][] {
  if (segments.length === 0) return [prefix];
  const [head, ...rest] = segments;
  if (root === null || typeof root !== 'object' || head === undefined) return [];
  if (head === '*') {
    return Array.isArray(root) ? root.flatMap((item, i) => expand(item, rest, [...prefix, String(i)])) : [];
  }
  return expand((root as Record<string, unknown>)[head], rest, [...prefix, head]);
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** The `when` pattern with the list indexes of this concrete path filled in. */
function bind(pattern: readonly string[], concrete: readonly string[], template: readonly string[]): string[] {
  const indexes = template.map((segment, i) => (segment === '*' ? concrete[i] : undefined)).filter((i): i is string => i !== undefined);
  let next = 0;
  return pattern.map((segment) => (segment === '*' ? (indexes[next++] ?? segment) : segment));
}

export interface ScreenedValues {
  /** Concrete paths (segments) of the screened values. */
  paths: string[][];
  /** The screened text values, longest first (so a longer value is replaced before its parts). */
  values: string[];
  screenings: Screening[];
}

/** Which values of a notice its rule file screens. */
export function screenedValues(notice: unknown, rules: readonly ScreenedField[]): ScreenedValues {
  const paths: string[][] = [];
  const values = new Set<string>();
  const screenings = new Map<string, Screening>();
  for (const rule of rules) {
    const template = pointerSegments(rule.field);
    for (const path of expand(notice, template)) {
      if (rule.when) {
        const condition = bind(pointerSegments(rule.when.field), path, template);
        if (valueAt(notice, condition) !== rule.when.equals) continue;
      }
      const value = valueAt(notice, path);
      if (value === undefined || value === null) continue;
      paths.push(path);
      if (typeof value === 'string' && value.trim() !== '') values.add(value.trim());
      const screening = { metadata: rule.metadata, basis: basisOf(rule.source) };
      screenings.set(`${screening.metadata}|${screening.basis}`, screening);
    }
  }
  return { paths, values: [...values].sort((a, b) => b.length - a.length), screenings: [...screenings.values()] };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every occurrence of each value (case-insensitively) by SCREENED. */
export function screenText(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of values) out = out.replace(new RegExp(escapeRegExp(value), 'giu'), SCREENED);
  return out;
}

/** A deep copy of `root` with the value at each path replaced by SCREENED, and screened words replaced in all other text. */
export function screenTree(root: unknown, paths: readonly (readonly string[])[], values: readonly string[], at: string[] = []): unknown {
  if (paths.some((p) => p.length === at.length && p.every((s, i) => s === at[i]))) return SCREENED;
  if (typeof root === 'string') return screenText(root, values);
  if (Array.isArray(root)) return root.map((item, i) => screenTree(item, paths, values, [...at, String(i)]));
  if (root !== null && typeof root === 'object') {
    return Object.fromEntries(Object.entries(root).map(([key, value]) => [key, screenTree(value, paths, values, [...at, key])]));
  }
  return root;
}
