/** JSON pointers (RFC 6901) into a notice: `/fields/agenda/0/title`. */

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function appendPointer(pointer: string, segment: string | number): string {
  if (typeof segment === 'number' || !/[~/]/.test(segment)) return `${pointer}/${String(segment)}`;
  return `${pointer}/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The value at `segments` below `root`, or undefined where the path does not exist. */
export function valueAt(root: unknown, segments: readonly string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Whether a field counts as filled in: an answer of `false` or `0` does; blank text and empty lists do not. */
export function isFilledIn(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
