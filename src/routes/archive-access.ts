import type { FastifyRequest } from 'fastify';
import { NotFound } from '../errors.ts';
import { parseLocalDateOrDateTime } from '../time/local-time.ts';
import { invalidRequest } from './notice-context.ts';

/**
 * preHandler of every archive route: archivists and administrators only. Anyone else gets the same
 * 404 as a route that does not exist, so the archive's routes are not even confirmed to them.
 */
export async function archivistsOnly(request: FastifyRequest): Promise<void> {
  const role = request.principal.role;
  if (role !== 'archivist' && role !== 'admin') throw new NotFound(`${request.method} ${request.url}`);
}

/** `from`/`to` of a query (date or date-time, in the tenant's zone); 400 when `from` is after `to`. */
export function queryPeriod(query: { from?: string; to?: string }, zone: string): { from?: Date; to?: Date } {
  const bound = (name: 'from' | 'to'): Date | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    const parsed = parseLocalDateOrDateTime(value, zone);
    if (!parsed.ok) throw invalidRequest(`/querystring/${name}`, `must be a date or date-time (${parsed.problem})`);
    return parsed.value.toJSDate();
  };
  const from = bound('from');
  const to = bound('to');
  if (from && to && from > to) throw invalidRequest('/querystring/from', '"from" is after "to"');
  return { ...(from && { from }), ...(to && { to }) };
}
