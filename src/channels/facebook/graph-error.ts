import type { Usage } from './usage.ts';

/** Facebook's error object, `{ error: { … } }` in every failed answer (graph-api/guides/error-handling). */
export interface GraphErrorBody {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

/** Facebook answered, with an error object: classified by its code and subcode (classify.ts). */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: GraphErrorBody,
    readonly usage: Usage,
  ) {
    super(`Facebook answered ${status}: (#${error.code}${error.error_subcode === undefined ? '' : `/${error.error_subcode}`}) ${error.message}`);
    this.name = 'GraphApiError';
  }
}

/**
 * No readable answer: a timeout, a dropped connection, or a body that is not Graph JSON (a proxy's
 * HTML 502). Whether Facebook acted on the request is unknown.
 */
export class GraphTransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'unreadable',
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'GraphTransportError';
  }
}

/** The error object of a Graph answer, or null when the body is not one. */
export function graphErrorOf(body: unknown): GraphErrorBody | null {
  if (body === null || typeof body !== 'object') return null;
  const error = (body as { error?: unknown }).error;
  if (error === null || typeof error !== 'object') return null;
  const e = error as Record<string, unknown>;
  if (typeof e.code !== 'number' || typeof e.message !== 'string') return null;
  return {
    message: e.message,
    code: e.code,
    ...(typeof e.type === 'string' && { type: e.type }),
    ...(typeof e.error_subcode === 'number' && { error_subcode: e.error_subcode }),
    ...(typeof e.error_user_title === 'string' && { error_user_title: e.error_user_title }),
    ...(typeof e.error_user_msg === 'string' && { error_user_msg: e.error_user_msg }),
    ...(typeof e.fbtrace_id === 'string' && { fbtrace_id: e.fbtrace_id }),
  };
}
