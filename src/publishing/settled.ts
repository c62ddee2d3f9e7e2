import type { LoadedPublication } from '../store/publications.ts';

/**
 * What one attempt at a publication came to, once written: handed to an observer after the commit
 * (metrics and the per-publication log line, workers/start.ts) with what the worker already holds,
 * so observing costs no database round trip.
 * - `published` / `delivered` (a newspaper ad handed to the paper): `at` is the channel's receipt time;
 * - `failed`: refused for good; `retry`: failed this time; `paused`: the channel asked to wait.
 */
export interface SettledPublication {
  publication: LoadedPublication;
  attempt: number;
  state: 'published' | 'delivered' | 'failed' | 'retry' | 'paused';
  at: Date | null;
}

export type SettledObserver = (settled: readonly SettledPublication[]) => void;
