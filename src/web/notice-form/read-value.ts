import { pointerSegments } from '../../rules/pointer.ts';
import type { ControlKind } from './model.ts';

/**
 * A control's submitted text as the notice's value, or undefined when left blank. The browser's
 * live validation (assets/notice-form.js) reads controls by the same rules, so both send the API the
 * same notice. A number that is not one stays text, for the schema to name.
 */
export function readValue(kind: ControlKind, submitted: string | readonly string[]): unknown {
  if (kind === 'checkboxes') {
    const checked = (typeof submitted === 'string' ? [submitted] : [...submitted]).filter((v) => v !== '');
    return checked.length > 0 ? checked : undefined;
  }
  const text = typeof submitted === 'string' ? submitted : (submitted[0] ?? '');
  const value = text.replace(/\r\n?/g, '\n');
  if (value.trim() === '') return undefined;
  switch (kind) {
    case 'textarea':
      return value;
    case 'lines': {
      const lines = value.split('\n').map((line) => line.trim()).filter((line) => line !== '');
      return lines.length > 0 ? lines : undefined;
    }
    case 'number':
    case 'integer': {
      const number = Number(value.trim().replace(',', '.'));
      return Number.isFinite(number) ? number : value.trim();
    }
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : undefined;
    default:
      return value.trim();
  }
}

/** Sets `value` at `pointer` in `root`, making objects and arrays (for numeric segments) on the way. */
export function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = pointerSegments(pointer);
  let here: Record<string, unknown> = root;
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    if (next === undefined) {
      here[segment] = value;
      return;
    }
    const existing = here[segment];
    if (existing === null || typeof existing !== 'object') here[segment] = /^\d+$/.test(next) ? [] : {};
    here = here[segment] as Record<string, unknown>;
  });
}

/** Lists without the rows left blank (holes where no value was set), depth first. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, compact(inner)])) as T;
  }
  return value;
}
