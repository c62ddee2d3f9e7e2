import createError from '@fastify/error';

/**
 * Every error Herald answers with, in one place (as fastify's lib/errors.js).
 * Each code is documented in docs/errors.md; test/errors.test.ts keeps the two in step.
 * The HTTP answer is RFC 9457 problem+json whose `type` is `PROBLEM_BASE#<code in lower case>`.
 */
export const PROBLEM_BASE = '/docs/errors';

export const AuthMissing = createError('HERALD_ERR_AUTH_MISSING', 'An API key is required: send "Authorization: Bearer <key>"', 401);
export const AuthInvalid = createError('HERALD_ERR_AUTH_INVALID', 'The API key is unknown or has been revoked', 401);
export const RoleForbidden = createError<'HERALD_ERR_AUTH_ROLE', 403, [role: string, action: string]>(
  'HERALD_ERR_AUTH_ROLE',
  'The role "%s" may not %s',
  403,
);
export const CsrfRefused = createError(
  'HERALD_ERR_CSRF',
  'A signed-in browser must send its CSRF token (header "x-csrf-token" or form field "_csrf") with every change',
  403,
);
export const NotFound = createError<'HERALD_ERR_NOT_FOUND', 404, [what: string]>('HERALD_ERR_NOT_FOUND', '%s was not found', 404);
export const RequestInvalid = createError('HERALD_ERR_REQUEST_INVALID', 'The request does not match its schema', 400);
export const BodyNotJson = createError<'HERALD_ERR_REQUEST_JSON', 400, [reason: string]>(
  'HERALD_ERR_REQUEST_JSON',
  'The body is not valid JSON: %s',
  400,
);
export const MediaTypeUnsupported = createError<'HERALD_ERR_REQUEST_MEDIA_TYPE', 415, [type: string]>(
  'HERALD_ERR_REQUEST_MEDIA_TYPE',
  'Content type "%s" is not supported: send application/json',
  415,
);
export const BodyTooLarge = createError<'HERALD_ERR_REQUEST_TOO_LARGE', 413, [limit: number]>(
  'HERALD_ERR_REQUEST_TOO_LARGE',
  'The body is larger than %s bytes',
  413,
);
export const NoticeRejected = createError<'HERALD_ERR_NOTICE_RULES', 422, [count: number]>(
  'HERALD_ERR_NOTICE_RULES',
  'The notice breaks %s rule(s); nothing was stored',
  422,
);
export const NoticeStateConflict = createError<'HERALD_ERR_NOTICE_STATE', 409, [action: string, status: string]>(
  'HERALD_ERR_NOTICE_STATE',
  'Cannot %s a notice that is %s',
  409,
);
export const PublicationStateConflict = createError<'HERALD_ERR_PUBLICATION_STATE', 409, [action: string, state: string]>(
  'HERALD_ERR_PUBLICATION_STATE',
  'Cannot %s a publication that is %s',
  409,
);
export const ReadOnly = createError<'HERALD_ERR_READ_ONLY', 405, [what: string]>('HERALD_ERR_READ_ONLY', '%s is read-only', 405);
export const SecondUserRequired = createError('HERALD_ERR_APPROVAL_SELF', 'A notice must be approved by another user than the one who submitted it', 403);
export const IdempotencyMismatch = createError(
  'HERALD_ERR_IDEMPOTENCY_MISMATCH',
  'This Idempotency-Key was used in the last 24 hours with a different body',
  422,
);
export const ServiceUnavailable = createError<'HERALD_ERR_UNAVAILABLE', 503, [what: string]>(
  'HERALD_ERR_UNAVAILABLE',
  '%s is unavailable; try again shortly',
  503,
);
export const Overloaded = createError('HERALD_ERR_OVERLOADED', 'Herald is overloaded right now; try again after the Retry-After seconds', 503);
export const ExportInvalid = createError<'HERALD_ERR_EXPORT_INVALID', 500, [count: number]>(
  'HERALD_ERR_EXPORT_INVALID',
  'The Noark 5 extraction failed validation against the official schemas (%s problem(s)); nothing was handed out',
  500,
);
export const Internal = createError('HERALD_ERR_INTERNAL', 'Something went wrong on our side; it has been logged', 500);

/** Start-up errors: they stop the process with one message listing every problem. */
export const ConfigInvalid = createError<'HERALD_ERR_CONFIG', 500, [problems: string]>(
  'HERALD_ERR_CONFIG',
  'Configuration is invalid:\n%s',
  500,
);
export const RuleFileInvalid = createError<'HERALD_ERR_RULE_FILE', 500, [problems: string]>(
  'HERALD_ERR_RULE_FILE',
  'Rule files are invalid:\n%s',
  500,
);

/** Every constructor above, by code: what the catalogue test and the docs check walk over. */
export const ERRORS = {
  AuthMissing,
  AuthInvalid,
  RoleForbidden,
  CsrfRefused,
  NotFound,
  RequestInvalid,
  BodyNotJson,
  MediaTypeUnsupported,
  BodyTooLarge,
  NoticeRejected,
  NoticeStateConflict,
  PublicationStateConflict,
  ReadOnly,
  SecondUserRequired,
  IdempotencyMismatch,
  ServiceUnavailable,
  Overloaded,
  ExportInvalid,
  Internal,
  ConfigInvalid,
  RuleFileInvalid,
} as const;

export function problemType(code: string): string {
  return `${PROBLEM_BASE}#${code.toLowerCase()}`;
}
