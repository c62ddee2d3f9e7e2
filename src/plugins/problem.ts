import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Internal, NotFound, problemType, ServiceUnavailable } from '../errors.ts';
import type { ProblemDetail, ProblemItem } from '../http/problem-detail.ts';

/** Fastify's own codes that are the client's fault, mapped to ours. */
const CLIENT_ERRORS: Record<string, { code: string; status: number }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'HERALD_ERR_REQUEST_MEDIA_TYPE', status: 415 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'HERALD_ERR_REQUEST_JSON', status: 400 },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'HERALD_ERR_REQUEST_TOO_LARGE', status: 413 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'HERALD_ERR_REQUEST_JSON', status: 400 },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'HERALD_ERR_REQUEST_JSON', status: 400 },
};

/** PostgreSQL / network failures that mean "the database is not there right now". */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003']);

/**
 * node-postgres' own errors for a connection lost mid-statement or broken before it, which carry no
 * code (a PostgreSQL restart in the soak answered them 500).
 */
const CONNECTION_LOST = /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect)$/;

interface ErrorWithDetails extends Omit<FastifyError, 'code'> {
  code?: string;
  errors?: ProblemItem[];
}

/** Answers with an RFC 9457 problem; exported for hooks that run under another plugin's error handler. */
export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: string,
  status: number,
  detail: string,
  errors?: ProblemItem[],
): FastifyReply {
  if (status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '5');
  const problem: ProblemDetail = {
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: request.url,
    ...(errors ? { errors } : {}),
  };
  return reply.code(status).type('application/problem+json').send(problem);
}

/**
 * Every error leaves as RFC 9457 problem+json. Client mistakes name the field and the rule;
 * anything unexpected is logged in full and answered with a bare 500.
 */
async function problemPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: ErrorWithDetails, request, reply) => {
    if (error.validation) {
      const where = error.validationContext ?? 'body';
      const items = error.validation.map((v) => {
        const missing = v.keyword === 'required' ? `/${String(v.params.missingProperty)}` : '';
        const extra = v.keyword === 'additionalProperties' ? `/${String(v.params.additionalProperty)}` : '';
        const path = `${v.instancePath}${missing}${extra}`;
        return { rule: `schema.${v.keyword}`, path: where === 'body' ? path : `/${where}${path}`, message: v.message ?? 'is invalid' };
      });
      return sendProblem(reply, request, 'HERALD_ERR_REQUEST_INVALID', 400, `The request ${where} does not match its schema`, items);
    }
    const code = error.code ?? '';
    const mapped = CLIENT_ERRORS[code] ?? (error instanceof SyntaxError ? { code: 'HERALD_ERR_REQUEST_JSON', status: 400 } : undefined);
    if (mapped) return sendProblem(reply, request, mapped.code, mapped.status, error.message);
    const status = error.statusCode ?? 500;
    if (status < 500) return sendProblem(reply, request, code.startsWith('HERALD_ERR_') ? code : 'HERALD_ERR_REQUEST_INVALID', status, error.message, error.errors);
    if (code === 'HERALD_ERR_OVERLOADED') return sendProblem(reply, request, code, 503, error.message);
    // Our own failure, named and explained: the archivist needs to know what did not validate.
    if (code === 'HERALD_ERR_EXPORT_INVALID') {
      request.log.error({ err: error, problems: error.errors }, 'export failed schema validation');
      return sendProblem(reply, request, code, status, error.message, error.errors);
    }
    if (code === 'HERALD_ERR_UNAVAILABLE' || UNAVAILABLE.has(code) || (code === '' && CONNECTION_LOST.test(error.message))) {
      request.log.warn({ err: error }, 'dependency unavailable');
      // Ours name what is missing (e.g. xmllint); a driver's network error means the database.
      const message = code === 'HERALD_ERR_UNAVAILABLE' ? error.message : new ServiceUnavailable('The database').message;
      return sendProblem(reply, request, 'HERALD_ERR_UNAVAILABLE', 503, message);
    }
    request.log.error({ err: error }, 'unhandled error');
    const internal = new Internal();
    return sendProblem(reply, request, internal.code, 500, internal.message);
  });

  app.setNotFoundHandler((request, reply) => {
    const notFound = new NotFound(`${request.method} ${request.url}`);
    return sendProblem(reply, request, notFound.code, 404, notFound.message);
  });
}

export default fp(problemPlugin, { name: 'herald-problem', fastify: '5.x' });
