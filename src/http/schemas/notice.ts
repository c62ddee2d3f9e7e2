import { CHANNELS, LANGUAGES, NOTICE_TYPES } from '../../notices/types.ts';

/** Shared shapes, registered with `$id` so routes and the OpenAPI document refer to one definition. */
const legalSource = {
  $id: 'LegalSource',
  type: 'object',
  properties: { law: { type: 'string' }, section: { type: 'string' }, url: { type: 'string' } },
} as const;

const finding = {
  $id: 'Finding',
  type: 'object',
  properties: {
    rule: { type: 'string' },
    severity: { enum: ['error', 'warning'] },
    path: { type: 'string' },
    message: { type: 'string' },
    messages: { type: 'object', properties: { nb: { type: 'string' }, en: { type: 'string' } } },
    source: { $ref: 'LegalSource#' },
    policy: { type: 'boolean' },
    overrideReason: { type: 'string' },
  },
} as const;

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

/** The body of POST /v1/notices and /v1/notices/validate. `fields` is checked by the type's rule file. */
export const noticeInput = {
  $id: 'NoticeInput',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'language', 'title', 'body', 'fields'],
  properties: {
    type: { enum: NOTICE_TYPES },
    language: { enum: LANGUAGES },
    title: text(300),
    body: text(50_000),
    publishAt: { type: 'string', maxLength: 40, description: 'ISO 8601 with offset, or local time in the tenant zone' },
    channels: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: CHANNELS } },
    fields: { type: 'object' },
    attachments: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: { url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2000 }, altText: { type: 'string', maxLength: 1500 } },
      },
    },
    translations: {
      type: 'array',
      maxItems: 4,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['language', 'title', 'body'],
        properties: { language: { enum: LANGUAGES }, title: text(300), body: text(50_000) },
      },
    },
    overrides: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'reason'],
        properties: { rule: text(100), reason: { type: 'string', minLength: 10, maxLength: 2000 } },
      },
    },
  },
} as const;

const publication = {
  $id: 'Publication',
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    channel: { enum: CHANNELS },
    target: { type: ['string', 'null'], description: 'The newspaper id for the newspaper channel' },
    state: { type: 'string' },
    scheduledAt: { type: 'string', format: 'date-time', description: 'When Herald acts, UTC' },
    scheduledAtLocal: { type: 'string', description: 'The same instant in the tenant zone' },
    appearsAt: { type: 'string', format: 'date-time', description: 'When the public can see it, UTC' },
    appearsAtLocal: { type: 'string' },
    issueDate: { type: ['string', 'null'], format: 'date' },
    attempts: { type: 'integer' },
    externalUrl: { type: ['string', 'null'] },
    lastError: {},
    confirmBy: { type: ['string', 'null'], format: 'date', description: 'Newspaper: the proof that the ad ran is due by this date (tenant zone)' },
    unconfirmed: { type: 'boolean', description: 'Newspaper: delivered, and its proof is overdue' },
    followUp: {
      type: ['object', 'null'],
      description: 'Newspaper: an ad withdrawn after it was handed to the paper — ask the paper to pull it, or print a correction',
      properties: {
        action: { enum: ['pull', 'correction'] },
        paper: { type: 'string' },
        issueDate: { type: 'string', format: 'date' },
        instructions: { type: 'string' },
      },
    },
  },
} as const;

const notice = {
  $id: 'Notice',
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { enum: NOTICE_TYPES },
    status: { type: 'string' },
    version: { type: 'integer' },
    language: { enum: LANGUAGES },
    title: { type: 'string' },
    body: { type: 'string' },
    publishAt: { type: 'string', format: 'date-time' },
    channels: { type: 'array', items: { enum: CHANNELS } },
    fields: { type: 'object', additionalProperties: true },
    attachments: { type: 'array', items: { type: 'object', additionalProperties: true } },
    translations: { type: 'array', items: { type: 'object', additionalProperties: true } },
    overrides: { type: 'array', items: { type: 'object', additionalProperties: true } },
    ruleVersion: { type: 'string' },
    warnings: { type: 'array', items: { $ref: 'Finding#' } },
    submittedBy: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    publications: { type: 'array', items: { $ref: 'Publication#' } },
    attention: { type: 'array', items: { type: 'string' }, description: 'What someone should follow up: `newspaper.unconfirmed` (call the paper)' },
  },
} as const;

const problem = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { rule: { type: 'string' }, path: { type: 'string' }, message: { type: 'string' }, source: { $ref: 'LegalSource#' } },
      },
    },
  },
} as const;

export const sharedSchemas = [legalSource, finding, noticeInput, publication, notice, problem];
