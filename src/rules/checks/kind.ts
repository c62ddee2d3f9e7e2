import type { CheckFunction } from '../types.ts';

/** One kind of check: its pure function and what it needs to know about itself. */
export interface CheckKindDefinition {
  run: CheckFunction;
  /**
   * Compiles expensive params (regular expressions, phrase lists) once per params object.
   * Called when a tenant's rules are compiled, so the first notice does not pay for it.
   */
  prepare?: (params: Record<string, unknown>) => unknown;
  /** Names a failure fills into its message, besides the params: `{actual}`, `{match}` … */
  values: readonly string[];
}

/**
 * Memoises `build` per params object. Params objects live as long as the loaded rule set, so each
 * is compiled once; a tenant override makes a new params object and so a fresh compilation.
 */
export function memoizeByParams<T>(build: (params: Record<string, unknown>) => T): (params: Record<string, unknown>) => T {
  const cache = new WeakMap<Record<string, unknown>, T>();
  return (params) => {
    let prepared = cache.get(params);
    if (prepared === undefined) {
      prepared = build(params);
      cache.set(params, prepared);
    }
    return prepared;
  };
}
