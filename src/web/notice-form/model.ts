import { appendPointer } from '../../rules/pointer.ts';
import type { FormEntry, FormText } from '../../rules/types.ts';

/**
 * The notice form, generated from a rule file's `fields` schema and its `form` labels. Each control
 * is named by its JSON pointer into the notice (`/fields/contacts/0/phone`), so the server's parser,
 * the browser's live validation and the rules' findings all speak of the same place.
 */

/** How a value is read from the control (the browser script reads `data-kind` the same way). */
export type ControlKind = 'text' | 'textarea' | 'number' | 'integer' | 'date' | 'datetime' | 'url' | 'email' | 'choice' | 'checkboxes' | 'boolean' | 'lines' | 'file';

export interface Control {
  node: 'control';
  pointer: string;
  kind: ControlKind;
  label: FormText;
  help?: FormText;
  required: boolean;
  options?: { value: string; label: FormText }[];
  maxLength?: number;
}

/** An object field: its own fields in a fieldset. */
export interface Group {
  node: 'group';
  pointer: string;
  label: FormText;
  help?: FormText;
  required: boolean;
  children: FormNode[];
}

/** A list of objects: one fieldset per row; the last row is left empty for one more. */
export interface List {
  node: 'list';
  pointer: string;
  label: FormText;
  help?: FormText;
  required: boolean;
  rows: FormNode[][];
}

export type FormNode = Control | Group | List;

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const LONG_TEXT = 300;

function kindOf(schema: Schema): ControlKind {
  if (Array.isArray(schema.enum)) return 'choice';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'number') return 'number';
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'array') return 'lines';
  switch (schema.format) {
    case 'date':
      return 'date';
    case 'local-date-time':
      return 'datetime';
    case 'uri':
      return 'url';
    case 'email':
      return 'email';
  }
  return typeof schema.maxLength === 'number' && schema.maxLength > LONG_TEXT ? 'textarea' : 'text';
}

function control(pointer: string, schema: Schema, entry: FormEntry, required: boolean): Control {
  const options = Array.isArray(schema.enum) ? schema.enum.map((value) => ({ value: String(value), label: entry.options?.[String(value)] ?? { nb: String(value), nn: String(value), en: String(value) } })) : undefined;
  return {
    node: 'control',
    pointer,
    kind: kindOf(schema),
    label: entry.label,
    ...(entry.help ? { help: entry.help } : {}),
    required,
    ...(options ? { options } : {}),
    ...(typeof schema.maxLength === 'number' ? { maxLength: schema.maxLength } : {}),
  };
}

/** How many rows each list of objects shows (filled rows, plus one empty). */
export type RowCount = (pointer: string) => number;

function nodes(properties: Schema, required: readonly unknown[], form: Record<string, FormEntry>, pointer: string, rows: RowCount): FormNode[] {
  return Object.entries(properties).flatMap(([name, schema]): FormNode[] => {
    const entry = form[name];
    if (!entry || !isSchema(schema)) return [];
    const at = appendPointer(pointer, name);
    const isRequired = required.includes(name);
    const own = entry.fields ?? {};
    if (isSchema(schema.properties)) {
      const children = nodes(schema.properties, Array.isArray(schema.required) ? schema.required : [], own, at, rows);
      return [{ node: 'group', pointer: at, label: entry.label, ...(entry.help ? { help: entry.help } : {}), required: isRequired, children }];
    }
    const items = schema.items;
    if (isSchema(items) && isSchema(items.properties)) {
      const itemProperties = items.properties;
      const itemRequired = Array.isArray(items.required) ? items.required : [];
      const count = Math.max(1, rows(at));
      const list = Array.from({ length: count }, (_, i) => nodes(itemProperties, itemRequired, own, appendPointer(at, i), rows));
      return [{ node: 'list', pointer: at, label: entry.label, ...(entry.help ? { help: entry.help } : {}), required: isRequired, rows: list }];
    }
    return [control(at, schema, entry, isRequired)];
  });
}

/** The controls of a notice type's `fields`, in the rule file's order. */
export function fieldNodes(fields: Schema, form: Record<string, FormEntry>, rows: RowCount): FormNode[] {
  if (!isSchema(fields.properties)) return [];
  return nodes(fields.properties, Array.isArray(fields.required) ? fields.required : [], form, '/fields', rows);
}

/** Every control below these nodes, depth first. */
export function controlsOf(list: readonly FormNode[]): Control[] {
  return list.flatMap((n) => (n.node === 'control' ? [n] : n.node === 'group' ? controlsOf(n.children) : n.rows.flatMap((row) => controlsOf(row))));
}
