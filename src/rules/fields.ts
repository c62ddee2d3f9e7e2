import type { Tenant } from '../config/tenant-types.ts';
import type { NoticeInput } from '../notices/types.ts';
import { parseLocalDateTime } from '../time/local-time.ts';
import { fieldsAjv, LOCAL_DATE_TIME } from './ajv.ts';
import { errorPointer, groupErrors } from './ajv-errors.ts';
import type { CompiledFields, TemporalField, TenantRuleFile } from './compiled.ts';
import { instantOf, readDateTimeParts } from '../time/local-instant.ts';
import { appendPointer } from './pointer.ts';
import { schemaErrorMessages } from './schema-messages.ts';
import { inLanguage } from './findings.ts';
import type { Finding, MessageLanguage, Messages } from './types.ts';

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Only date-times: a date alone is the start of its day, which the zone's rules never make ambiguous here.
function temporalFields(schema: Schema, segments: readonly string[], into: TemporalField[]): void {
  if (schema.format === LOCAL_DATE_TIME) into.push({ segments });
  if (isSchema(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) if (isSchema(property)) temporalFields(property, [...segments, name], into);
  }
  if (isSchema(schema.items)) temporalFields(schema.items, [...segments, '*'], into);
}

export function compileFields(schema: Schema): CompiledFields {
  const temporal: TemporalField[] = [];
  temporalFields(schema, [], temporal);
  return { validate: fieldsAjv.compile(schema), temporal };
}

/** Every value of a date-time field in `fields`, with its pointer. */
function* temporalValues(value: unknown, segments: readonly string[], pointer: string): Generator<{ pointer: string; value: string }> {
  const [head, ...rest] = segments;
  if (head === undefined) {
    if (typeof value === 'string') yield { pointer, value };
  } else if (head === '*') {
    if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* temporalValues(item, rest, appendPointer(pointer, i));
  } else if (isSchema(value)) {
    yield* temporalValues(value[head], rest, appendPointer(pointer, head));
  }
}

function timeMessages(problem: 'nonexistent' | 'ambiguous', value: string, zone: string, candidates: readonly string[]): Messages {
  if (problem === 'nonexistent') {
    return {
      nb: `${value} finnes ikke i ${zone}: klokken stilles fram den natten (sommertid). Velg et annet tidspunkt.`,
      en: `${value} does not exist in ${zone}: the clocks go forward that night (summer time). Choose another time.`,
    };
  }
  // '2030-10-27T02:30:00.000+02:00' reads better as '2030-10-27T02:30+02:00'.
  const offsets = candidates.map((candidate) => candidate.replace(/(T\d{2}:\d{2}):00\.000/, '$1'));
  return {
    nb: `${value} forekommer to ganger i ${zone}: klokken stilles tilbake den natten. Oppgi UTC-forskyvning: ${offsets.join(' eller ')}.`,
    en: `${value} occurs twice in ${zone}: the clocks go back that night. Give the UTC offset: ${offsets.join(' or ')}.`,
  };
}

/**
 * Checks `notice.fields` against the type's schema, then reads every date-time in the
 * tenant's zone: a wall time in the spring-forward gap, or in the fall-back overlap without an
 * offset, cannot be one instant and is rejected (DESIGN principle 5).
 */
export function validateFields(rules: TenantRuleFile, notice: NoticeInput, tenant: Tenant, lang: MessageLanguage): Finding[] {
  const { validate, temporal } = rules.compiled.fields;
  const findings: Finding[] = [];
  if (!validate(notice.fields)) {
    for (const group of groupErrors(validate.errors ?? [])) {
      const messages = schemaErrorMessages(group);
      findings.push({ rule: rules.schemaRule.id, severity: 'error', path: `/fields${errorPointer(group.error)}`, message: inLanguage(messages, lang), messages, source: rules.schemaRule.source });
    }
  }
  const zone = tenant.timeZone;
  for (const field of temporal) {
    for (const { pointer, value } of temporalValues(notice.fields, field.segments, '/fields')) {
      const parts = readDateTimeParts(value);
      // Not a date-time: a format error above. Clearly one instant: fine. Otherwise the reference decides.
      if (!parts || instantOf(parts, zone) !== undefined) continue;
      const parsed = parseLocalDateTime(value, zone);
      if (parsed.ok || parsed.problem === 'invalid') continue;
      const messages = timeMessages(parsed.problem, value, zone, parsed.candidates ?? []);
      findings.push({ rule: `time.${parsed.problem}`, severity: 'error', path: pointer, message: inLanguage(messages, lang), messages });
    }
  }
  return findings;
}
