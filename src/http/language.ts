import type { FastifyRequest } from 'fastify';

/** Messages are in Norwegian unless the caller prefers English. */
export function preferredLanguage(request: FastifyRequest): 'nb' | 'en' {
  const header = request.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(header) ? 'en' : 'nb';
}
