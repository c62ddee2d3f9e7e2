import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a listing rebuild holds the event loop before publications due meanwhile get a turn. */
const SLICE_MS = 10;

/**
 * `items.map(fn)`, letting the event loop run between slices of about SLICE_MS. A rebuild maps every
 * current notice (thousands for a large tenant, each new one rendered): in one piece it held the
 * worker's loop for 0.5–1 s, and a publication due meanwhile went out that late.
 */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U): Promise<U[]> {
  const mapped: U[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    mapped.push(fn(item, mapped.length));
    // The clock is read every 64 items: reading it per item cost more than a memoized entry.
    if (mapped.length % 64 === 0 && performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return mapped;
}
