/** One figure of a benchmark, beside its bare baseline from the same run. */
export interface Figure {
  scenario: string;
  metric: string;
  unit: string;
  herald: number;
  /** Null for figures that have a goal but no baseline (e.g. rules alone). */
  baseline: number | null;
  /** The goal, as a ratio to the baseline or, without one, as an absolute figure. */
  goal: number;
  /** For figures where less is better (latency, lateness): the goal is a ceiling, not a floor. */
  lowerIsBetter?: boolean;
}

/** Benchmarks print one JSON line per figure, prefixed, so the runner can collect them from stdout. */
export const FIGURE_PREFIX = 'FIGURE ';

export function report(figure: Figure): void {
  process.stdout.write(`${FIGURE_PREFIX}${JSON.stringify(figure)}\n`);
}
