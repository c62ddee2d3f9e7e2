import type { FastifyRequest } from 'fastify';

/**
 * The language of messages, from the first language of Accept-Language that Herald speaks:
 * nynorsk (`nn`, `nn-NO`, `no-NN`), English, or bokmål (`nb`, `no` and anything else).
 */
export function preferredLanguage(request: FastifyRequest): 'nb' | 'nn' | 'en' {
  const header = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (/^(nn|no-nn)(-|$)/.test(first)) return 'nn';
  return /^en(-|$)/.test(first) ? 'en' : 'nb';
}
