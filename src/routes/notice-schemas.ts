import { NOTICE_TYPES } from '../notices/types.ts';

export const problemResponses = {
  '4xx': { $ref: 'Problem#' },
} as const;

export const noticeParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

export const noticeListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { enum: ['awaiting_approval', 'scheduled', 'published', 'withdrawn'] },
    type: { enum: NOTICE_TYPES },
    from: { type: 'string', maxLength: 40, description: 'publishAt ≥ this (date or date-time, tenant zone)' },
    to: { type: 'string', maxLength: 40, description: 'publishAt < this' },
    // Query strings are not type-coerced (bodies must not be), so the number is read from a pattern.
    limit: { type: 'string', pattern: '^(200|1[0-9]{2}|[1-9][0-9]?)$', default: '50', description: '1–200' },
    cursor: { type: 'string', maxLength: 200 },
  },
} as const;
