import { CHECKS } from './checks/index.ts';
import { fieldsAjv, LOCAL_DATE_TIME } from './ajv.ts';
import { pointerSegments } from './pointer.ts';
import type { CheckDefinition, RuleFile, ScreenedField } from './types.ts';

/**
 * What the meta-schema cannot see: a rule file that is well-formed but wrong. Pointers are relative
 * to the rule file (`/fields/...`) or to one check (`/params/to`).
 */
export interface Problem {
  pointer: string;
  message: string;
}

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `/fields/contact/email` → the schema of that property, or undefined if the rule file declares none. */
function fieldSchema(fields: Schema, pointer: string): Schema | undefined {
  let schema: unknown = fields;
  for (const segment of pointerSegments(pointer).slice(1)) {
    const properties = isSchema(schema) ? schema.properties : undefined;
    schema = isSchema(properties) ? properties[segment] : undefined;
  }
  return isSchema(schema) ? schema : undefined;
}

const DATE_FORMATS = new Set(['date', LOCAL_DATE_TIME]);

/** Params naming a date field the check computes with. */
const DATE_PARAMS = ['from', 'to', 'field'];

function fieldReferences(check: CheckDefinition): { pointer: string; field: string; date: boolean }[] {
  const references: { pointer: string; field: string; date: boolean }[] = [];
  for (const name of DATE_PARAMS) {
    const value = check.params[name];
    if (typeof value === 'string' && value.startsWith('/fields/')) references.push({ pointer: `/params/${name}`, field: value, date: true });
  }
  const listed = check.params.fields;
  if (Array.isArray(listed)) {
    listed.forEach((field, i) => {
      if (typeof field === 'string') references.push({ pointer: `/params/fields/${i}`, field, date: false });
    });
  }
  if (check.when?.path.startsWith('/fields/')) references.push({ pointer: '/when/path', field: check.when.path, date: false });
  return references;
}

/** Fields a check names must exist in the type's schema (and be dates where it computes with them). */
export function checkProblems(check: CheckDefinition, fields: Schema): Problem[] {
  const problems: Problem[] = [];
  for (const reference of fieldReferences(check)) {
    const schema = fieldSchema(fields, reference.field);
    if (!schema) {
      problems.push({ pointer: reference.pointer, message: `${reference.field} is not a field of this notice type` });
    } else if (reference.date && !DATE_FORMATS.has(String(schema.format))) {
      problems.push({ pointer: reference.pointer, message: `${reference.field} must have format date or ${LOCAL_DATE_TIME}` });
    }
  }
  const known = new Set([...Object.keys(check.params), ...CHECKS[check.kind].values]);
  for (const lang of ['nb', 'nn', 'en'] as const) {
    for (const [, name] of check.message[lang].matchAll(/\{(\w+)\}/g)) {
      if (name !== undefined && !known.has(name)) {
        problems.push({ pointer: `/message/${lang}`, message: `{${name}} is neither a param nor a value of ${check.kind} (${[...known].join(', ') || 'none'})` });
      }
    }
  }
  return problems;
}

export function channelProblems(channels: RuleFile['channels']): Problem[] {
  const problems: Problem[] = [];
  for (const list of ['default', 'mandatory'] as const) {
    channels[list].forEach((channel, i) => {
      if (!channels.allowed.includes(channel)) problems.push({ pointer: `/channels/${list}/${i}`, message: `${channel} is not in channels.allowed` });
    });
  }
  return problems;
}

/**
 * `required` names a property the schema declares (in the same object or an enclosing one); with
 * `additionalProperties: false` a misspelt name would otherwise make every notice fail.
 */
function undeclaredRequired(schema: Schema, declared: ReadonlySet<string>, pointer: string): Problem[] {
  const own = isSchema(schema.properties) ? Object.keys(schema.properties) : [];
  const inScope = new Set([...declared, ...own]);
  const problems: Problem[] = [];
  if (Array.isArray(schema.required)) {
    schema.required.forEach((name, i) => {
      if (typeof name === 'string' && !inScope.has(name)) problems.push({ pointer: `${pointer}/required/${i}`, message: `required property "${name}" is not declared in properties` });
    });
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) {
      branches.forEach((branch, i) => {
        if (isSchema(branch)) problems.push(...undeclaredRequired(branch, inScope, `${pointer}/${key}/${i}`));
      });
    }
  }
  for (const key of ['if', 'then', 'else', 'not'] as const) {
    const branch = schema[key];
    if (isSchema(branch)) problems.push(...undeclaredRequired(branch, inScope, `${pointer}/${key}`));
  }
  if (isSchema(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (isSchema(property)) problems.push(...undeclaredRequired(property, new Set(), `${pointer}/properties/${name}`));
    }
  }
  if (isSchema(schema.items)) problems.push(...undeclaredRequired(schema.items, new Set(), `${pointer}/items`));
  return problems;
}

/** Depth-first: the first pointer at which `key` is an object key, to place an ajv message that has no path. */
function findKey(value: unknown, key: string, pointer: string): string | undefined {
  if (!isSchema(value) && !Array.isArray(value)) return undefined;
  for (const [name, inner] of Object.entries(value)) {
    if (name === key && !Array.isArray(value)) return `${pointer}/${name}`;
    const found = findKey(inner, key, `${pointer}/${name}`);
    if (found) return found;
  }
  return undefined;
}

/** Ajv's compile errors name a place in one of a few ways; turn it into a pointer below `/fields`. */
function locateCompileError(message: string, fields: Schema): string {
  const schemaPath = /"#(\/[^"]*)"/.exec(message)?.[1] ?? /\bdata(\/\S*?)[ ,]/.exec(message)?.[1];
  if (schemaPath !== undefined) return `/fields${schemaPath}`;
  const keyword = /keyword:? "([^"]+)"/.exec(message)?.[1];
  return (keyword !== undefined ? findKey(fields, keyword, '/fields') : undefined) ?? '/fields';
}

/** The fields schema must compile under strict ajv: unknown keywords, formats and types are mistakes. */
export function fieldsSchemaProblems(fields: Schema): Problem[] {
  try {
    fieldsAjv.compile(fields);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ pointer: locateCompileError(message, fields), message: `fields schema: ${message}` }];
  }
  return undeclaredRequired(fields, new Set(), '/fields');
}

/** Like fieldSchema, stepping into a list's `items` at `*`. */
function listFieldSchema(fields: Schema, pointer: string): Schema | undefined {
  let schema: unknown = fields;
  for (const segment of pointerSegments(pointer).slice(1)) {
    if (!isSchema(schema)) return undefined;
    if (segment === '*') schema = schema.items;
    else schema = isSchema(schema.properties) ? schema.properties[segment] : undefined;
  }
  return isSchema(schema) ? schema : undefined;
}

/** Screened fields must exist; a `when` must name a field of the same list item. */
export function screenedProblems(screened: readonly ScreenedField[], fields: Schema): Problem[] {
  const problems: Problem[] = [];
  screened.forEach((entry, i) => {
    if (!listFieldSchema(fields, entry.field)) problems.push({ pointer: `/screened/${i}/field`, message: `${entry.field} is not a field of this notice type` });
    if (!entry.when) return;
    if (!listFieldSchema(fields, entry.when.field)) problems.push({ pointer: `/screened/${i}/when/field`, message: `${entry.when.field} is not a field of this notice type` });
    const stars = (p: string) => p.split('/').filter((s) => s === '*').length;
    if (stars(entry.when.field) !== stars(entry.field)) problems.push({ pointer: `/screened/${i}/when/field`, message: 'must step into the same lists (*) as the screened field' });
  });
  return problems;
}
