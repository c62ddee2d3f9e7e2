import { CHANNELS, LANGUAGES, NOTICE_TYPES, ROLES } from '../notices/types.ts';
import { DETECTORS } from './checks/forbidden-pattern.ts';
import { CHECK_KINDS, type CheckKind } from './types.ts';
import { TENANT_FLAGS } from './when.ts';

/** JSON Schema of a rule file (`rules/<type>.yaml`) and of `rules/common.yaml`. */

const text = { type: 'string', minLength: 1 } as const;
const messages = {
  type: 'object',
  additionalProperties: false,
  required: ['nb', 'nn', 'en'],
  properties: { nb: text, nn: text, en: text },
} as const;
const legalSource = {
  type: 'object',
  additionalProperties: false,
  required: ['law', 'section', 'url'],
  properties: { law: text, section: text, url: { type: 'string', format: 'uri', pattern: '^https?://' } },
} as const;
const ruleId = { type: 'string', pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_-]+)+$' } as const;
const channel = { enum: CHANNELS } as const;
const channelList = { type: 'array', uniqueItems: true, items: channel } as const;
const positiveInteger = { type: 'integer', minimum: 1 } as const;
/** A field of the notice: `/fields/commentDeadline` (nested: `/fields/contact/email`). */
const fieldPointer = { type: 'string', pattern: '^/fields(/[A-Za-z][A-Za-z0-9]*)+$' } as const;
const dayUnit = { enum: ['calendar', 'working'] } as const;
const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
/** Each phrase starts with a word, as does each alternative of its first word (phrases.ts relies on it). */
const phrases = {
  type: 'array',
  minItems: 1,
  items: { type: 'string', pattern: '^[\\p{L}\\p{N}][^\\s|]*(\\|[\\p{L}\\p{N}][^\\s|]*)*(\\s|$)' },
} as const;

function params(properties: Record<string, unknown>, required: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required, properties, ...extra };
}

/** What each kind of check takes, so a misspelt or missing param stops start-up. */
export const PARAMS_SCHEMAS: Readonly<Record<CheckKind, Record<string, unknown>>> = {
  minDuration: params(
    { from: { anyOf: [{ enum: ['now', 'publication'] }, fieldPointer] }, to: fieldPointer, days: positiveInteger, unit: dayUnit },
    ['from', 'to', 'days'],
  ),
  minLeadTime: params(
    {
      from: { enum: ['now', 'publication'] },
      to: fieldPointer,
      days: positiveInteger,
      hours: positiveInteger,
      minutes: positiveInteger,
      unit: dayUnit,
    },
    ['from', 'to'],
    {
      oneOf: [{ required: ['days'] }, { required: ['hours'] }, { required: ['minutes'] }],
      // Working days only make sense for a lead time in days.
      dependencies: { unit: ['days'] },
    },
  ),
  requiredStatement: params({ phrases }, ['phrases']),
  wording: params({ phrases }, ['phrases']),
  forbiddenPattern: params(
    { patterns: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, format: 'regex-u' } }, detector: { enum: DETECTORS } },
    [],
    { oneOf: [{ required: ['patterns'] }, { required: ['detector'] }] },
  ),
  channelLength: params({ channel, max: positiveInteger }, ['channel', 'max']),
  altText: params({}, []),
  publishingWindow: params({ channel, from: time, to: time }, ['channel', 'from', 'to']),
  holidays: params({ field: fieldPointer }, ['field']),
  channelRequired: params(
    { channels: { ...channelList, minItems: 1 }, ifAnyOf: { ...channelList, minItems: 1 }, generallyRead: { type: 'boolean' } },
    ['channels'],
  ),
  requiredLanguages: params(
    { groups: { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: LANGUAGES } } } },
    ['groups'],
  ),
  requiredFields: params({ fields: { type: 'array', minItems: 1, uniqueItems: true, items: fieldPointer } }, ['fields']),
};

const scalar = { type: ['string', 'number', 'boolean'] } as const;
const condition = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    path: { anyOf: [{ type: 'string', pattern: '^/fields(/[A-Za-z][A-Za-z0-9]*)+$' }, { enum: TENANT_FLAGS.map((flag) => `tenant.${flag}`) }] },
    equals: scalar,
    in: { type: 'array', minItems: 1, items: scalar },
  },
  not: { required: ['equals', 'in'] },
} as const;

const check = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'severity', 'params', 'message', 'source'],
  properties: {
    id: ruleId,
    kind: { enum: CHECK_KINDS },
    severity: { enum: ['error', 'warning'] },
    params: { type: 'object' },
    message: messages,
    source: legalSource,
    policy: { type: 'boolean' },
    overridable: { type: 'boolean' },
    when: condition,
  },
  allOf: CHECK_KINDS.map((kind) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: { properties: { params: PARAMS_SCHEMAS[kind] } },
  })),
} as const;

const checks = { type: 'array', items: check } as const;

/** A field pointer that may step into every item of a list with `*`. */
const listPointer = { type: 'string', pattern: '^/fields(/([A-Za-z][A-Za-z0-9]*|\\*))+$' } as const;
const screened = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['field', 'metadata', 'source'],
    properties: {
      field: listPointer,
      when: { type: 'object', additionalProperties: false, required: ['field', 'equals'], properties: { field: listPointer, equals: scalar } },
      metadata: { enum: ['Skjerming tittel mappe - utvalgte ord', 'Skjerming navn part i sak', 'Skjerming tittel registrering - utvalgte ord'] },
      source: legalSource,
    },
  },
} as const;

/** Label, help and choices of one field in the web app's form, in bokmål, nynorsk and English. */
const formText = { type: 'object', additionalProperties: false, required: ['nb', 'nn', 'en'], properties: { nb: text, nn: text, en: text } } as const;
const formEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['label'],
  properties: {
    label: formText,
    help: formText,
    /** One text per value of an `enum` field (checked against the schema by form-labels.ts). */
    options: { type: 'object', additionalProperties: formText },
    /** The entries of an object's (or a list of objects') own fields. */
    fields: { type: 'object', additionalProperties: { $ref: '#/$defs/formEntry' } },
  },
} as const;

export const ruleFileSchema = {
  $defs: { formEntry },
  type: 'object',
  additionalProperties: false,
  required: ['type', 'title', 'submitRoles', 'approval', 'channels', 'schemaRule', 'fields', 'form', 'checks'],
  properties: {
    type: { enum: NOTICE_TYPES },
    title: messages,
    submitRoles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ROLES } },
    approval: { type: 'boolean' },
    channels: {
      type: 'object',
      additionalProperties: false,
      required: ['default', 'allowed', 'mandatory'],
      properties: { default: { ...channelList, minItems: 1 }, allowed: { ...channelList, minItems: 1 }, mandatory: { ...channelList, minItems: 1 } },
    },
    schemaRule: { type: 'object', additionalProperties: false, required: ['id', 'source'], properties: { id: ruleId, source: legalSource } },
    // A JSON Schema itself: the loader compiles it, which checks it far better than a schema could.
    fields: { type: 'object', required: ['type', 'properties'], properties: { type: { const: 'object' } } },
    form: { type: 'object', additionalProperties: { $ref: '#/$defs/formEntry' } },
    checks,
    screened,
  },
} as const;

/** `rules/common.yaml`: checks applied to every notice type. */
export const commonFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['checks'],
  properties: { checks },
} as const;
