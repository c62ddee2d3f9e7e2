import type { Problem } from './consistency.ts';
import type { FormEntry } from './types.ts';

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The own fields of an object schema, or of each item of a list of objects. */
function subProperties(schema: Schema): { properties: Schema; pointer: string } | undefined {
  if (isSchema(schema.properties)) return { properties: schema.properties, pointer: '' };
  if (isSchema(schema.items) && isSchema(schema.items.properties)) return { properties: schema.items.properties, pointer: '/items' };
  return undefined;
}

function optionProblems(schema: Schema, entry: FormEntry, formPointer: string): Problem[] {
  const values = Array.isArray(schema.enum) ? schema.enum.map(String) : [];
  const options = Object.keys(entry.options ?? {});
  return [
    ...values.filter((v) => !options.includes(v)).map((v) => ({ pointer: `${formPointer}/options`, message: `option "${v}" has no text (nb, nn, en)` })),
    ...options.filter((o) => !values.includes(o)).map((o) => ({ pointer: `${formPointer}/options/${o}`, message: `"${o}" is not a value of this field` })),
  ];
}

function walk(properties: Schema, form: Record<string, FormEntry>, schemaPointer: string, formPointer: string): Problem[] {
  const problems: Problem[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    const entry = form[name];
    const fieldPointer = `${schemaPointer}/properties/${name}`;
    if (!entry) {
      problems.push({ pointer: fieldPointer, message: `field "${name}" has no form label: add ${formPointer}/${name} with label in nb, nn and en` });
      continue;
    }
    if (!isSchema(schema)) continue;
    const entryPointer = `${formPointer}/${name}`;
    problems.push(...optionProblems(schema, entry, entryPointer));
    const inner = subProperties(schema);
    if (inner) problems.push(...walk(inner.properties, entry.fields ?? {}, `${fieldPointer}${inner.pointer}`, `${entryPointer}/fields`));
    else if (entry.fields) problems.push({ pointer: `${entryPointer}/fields`, message: `field "${name}" has no fields of its own` });
  }
  for (const name of Object.keys(form).filter((n) => !(n in properties))) {
    problems.push({ pointer: `${formPointer}/${name}`, message: `"${name}" is not a field of this notice type` });
  }
  return problems;
}

/**
 * Every field of the notice type (nested ones too) must have a form label in bokmål, nynorsk and
 * English (the meta-schema checks the languages), every value of a choice its text, and no label
 * may name a field that does not exist: the web app generates its form from these.
 */
export function formProblems(fields: Schema, form: Record<string, FormEntry>): Problem[] {
  return isSchema(fields.properties) ? walk(fields.properties, form, '/fields', '/form') : [];
}
