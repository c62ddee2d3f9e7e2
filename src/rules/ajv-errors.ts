import type { ErrorObject } from 'ajv';
import { appendPointer } from './pointer.ts';

/** An ajv error and, for `anyOf`/`oneOf`, the errors of its branches, which only make sense together. */
export interface ErrorGroup {
  error: ErrorObject;
  alternatives: ErrorObject[];
}

const ALTERNATIVES = new Set(['anyOf', 'oneOf']);

/**
 * Groups branch errors under their `anyOf`/`oneOf` and drops `if` errors (their `then` errors say
 * what is wrong), so each problem is reported once, in words a person can act on.
 */
export function groupErrors(errors: readonly ErrorObject[]): ErrorGroup[] {
  const parents = errors.filter((e) => ALTERNATIVES.has(e.keyword));
  const parentOf = (e: ErrorObject): ErrorObject | undefined =>
    parents.find((p) => p !== e && e.schemaPath.startsWith(`${p.schemaPath}/`) && e.instancePath.startsWith(p.instancePath));
  const groups = new Map<ErrorObject, ErrorGroup>();
  for (const e of errors) {
    if (e.keyword === 'if' || parentOf(e)) continue;
    groups.set(e, { error: e, alternatives: [] });
  }
  for (const e of errors) {
    const parent = parentOf(e);
    // Nested alternatives: the outermost group collects everything below it.
    let top = parent;
    while (top && !groups.has(top)) top = parentOf(top);
    if (top && e.keyword !== 'if' && !ALTERNATIVES.has(e.keyword)) groups.get(top)?.alternatives.push(e);
  }
  return [...groups.values()];
}

/** Where an error points: at the missing or unknown property itself, not at its parent. */
export function errorPointer(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const property = error.keyword === 'required' ? params.missingProperty : error.keyword === 'additionalProperties' ? params.additionalProperty : undefined;
  return property === undefined ? error.instancePath : appendPointer(error.instancePath, property);
}
