import fc from 'fast-check';
import { fieldsAjv } from '../../src/rules/ajv.ts';

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keywords this generator understands; a rule file using another one fails the test instead of being fuzzed wrongly. */
const KNOWN = new Set(['type', 'properties', 'required', 'additionalProperties', 'anyOf', 'enum', 'const', 'format', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'items', 'minItems', 'maxItems', 'if', 'then', 'description']);

/** Dates around what breaks calendars: Oslo's DST changes and year ends, besides ordinary days. */
const TRICKY_DAYS = ['2030-03-31', '2030-10-27', '2031-03-30', '2031-10-26', '2030-12-31', '2031-01-01', '2032-02-29'];
const day = fc.oneof(
  fc.constantFrom(...TRICKY_DAYS),
  fc.date({ min: new Date('2027-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const clock = fc.oneof(fc.constantFrom('02:00', '02:30', '02:59', '03:00', '23:59', '00:00'), fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`));

const LETTERS = fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyzæøåÆØÅáčđŋšŧž0123456789 ,.-'));

function text(schema: Schema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 80, 80);
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter((s) => s.length >= minLength && s.length <= (typeof schema.maxLength === 'number' ? schema.maxLength : Infinity));
  }
  switch (schema.format) {
    case 'date':
      return day;
    case 'local-date-time':
      return fc.tuple(day, clock).map(([d, c]) => `${d}T${c}`);
    case 'uri':
      return fc.webUrl({ validSchemes: ['https'] });
    case 'email':
      return fc.emailAddress();
    case undefined:
      // Norwegian and Sami letters mostly, and now and then any grapheme at all (emoji, other scripts).
      return fc
        .oneof({ arbitrary: fc.string({ unit: LETTERS, minLength, maxLength }), weight: 4 }, { arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }), weight: 1 })
        .filter((s) => s.trim().length >= Math.min(minLength, 1));
    default:
      throw new Error(`schema-arbitrary: no generator for format ${String(schema.format)}`);
  }
}

/**
 * Values valid under a rule file's `fields` schema (the JSON Schema subset rule files use), built from
 * the schema itself so a new field or constraint in a rule file is fuzzed without touching this file.
 */
export function arbitraryOf(schema: Schema): fc.Arbitrary<unknown> {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`schema-arbitrary: keyword "${key}" is not supported`);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case 'string':
      return text(schema);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: typeof schema.minimum === 'number' ? schema.minimum : -1000, max: typeof schema.maximum === 'number' ? schema.maximum : 1000 });
    case 'number': {
      const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : typeof schema.minimum === 'number' ? schema.minimum : -1e6;
      return fc.double({ min, max: typeof schema.maximum === 'number' ? schema.maximum : 1e6, noNaN: true, noDefaultInfinity: true, minExcluded: typeof schema.exclusiveMinimum === 'number' });
    }
    case 'array': {
      if (!isSchema(schema.items)) throw new Error('schema-arbitrary: array without items');
      return fc.array(arbitraryOf(schema.items), { minLength: typeof schema.minItems === 'number' ? schema.minItems : 0, maxLength: typeof schema.maxItems === 'number' ? schema.maxItems : 3 });
    }
    case 'object':
      return object(schema);
    default:
      throw new Error(`schema-arbitrary: no generator for type ${String(schema.type)}`);
  }
}

function object(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  // anyOf of `required` lists (a phone or an e-mail; a place or a stream): one branch is always met.
  const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as Schema[]).map((b) => (Array.isArray(b.required) ? (b.required as string[]) : [])) : [[]];
  const thenRequired = isSchema(schema.then) && Array.isArray(schema.then.required) ? (schema.then.required as string[]) : [];
  const matchesIf = isSchema(schema.if) ? fieldsAjv.compile({ type: 'object', ...schema.if }) : undefined;
  const record = Object.fromEntries(Object.entries(properties).map(([name, sub]) => [name, arbitraryOf(sub as Schema)]));
  return fc.tuple(fc.constantFrom(...branches), fc.record(record, { requiredKeys: [] }), fc.record(record)).map(([branch, optional, full]) => {
    const value: Record<string, unknown> = { ...optional };
    for (const name of [...required, ...branch]) value[name] = full[name];
    if (matchesIf?.(value)) for (const name of thenRequired) value[name] = full[name];
    return value;
  });
}
