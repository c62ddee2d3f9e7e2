import { compact, readValue, setAt } from './read-value.ts';
import type { Control } from './model.ts';

/** A parsed urlencoded or multipart form: one string per name, or several for repeated names. */
export type FormBody = Record<string, string | string[] | undefined>;

/**
 * Rows each list shows for a submitted form: as many as were sent (the highest index plus one), and
 * one more when the user asked for another row (`_add` names the list).
 */
export function submittedRows(body: FormBody): (pointer: string) => number {
  return (pointer) => {
    const prefix = `${pointer}/`;
    let count = 0;
    for (const name of Object.keys(body)) {
      if (!name.startsWith(prefix)) continue;
      const index = /^(\d+)(\/|$)/.exec(name.slice(prefix.length))?.[1];
      if (index !== undefined) count = Math.max(count, Number(index) + 1);
    }
    return body._add === pointer ? count + 1 : count;
  };
}

/** The notice a form describes: each control's value at its pointer, blank ones left out. */
export function readForm(controls: readonly Control[], body: FormBody): Record<string, unknown> {
  const notice: Record<string, unknown> = {};
  for (const control of controls) {
    const submitted = body[control.pointer];
    if (submitted === undefined) continue;
    const value = readValue(control.kind, submitted);
    if (value !== undefined) setAt(notice, control.pointer, value);
  }
  return compact(notice);
}
