import { performance } from 'node:perf_hooks';

/** The calls that reach outside (a channel's render is local work and is not counted). */
const CALLS = new Set(['deliver', 'withdraw', 'findExisting', 'deliverBatch', 'findBatch']);

/**
 * A short, bounded label for a failed call: Facebook's Graph code where the channel kept it, else a
 * Node error code (ECONNREFUSED), an HTTP status, or the error's class name.
 */
export function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const e = error as { code?: unknown; status?: unknown; name?: unknown; details?: { facebook?: { code?: unknown }; status?: unknown; transport?: unknown } };
  const graph = e.details?.facebook?.code;
  if (typeof graph === 'number') return `graph-${graph}`;
  if (typeof e.code === 'string' || typeof e.code === 'number') return String(e.code);
  const status = e.details?.status ?? e.status;
  if (typeof status === 'number') return `http-${status}`;
  if (typeof e.details?.transport === 'string') return e.details.transport;
  return typeof e.name === 'string' ? e.name : 'unknown';
}

/**
 * The same channel object, each outside call timed and its failure counted by code. Every method is
 * bound to the channel itself, so the wrapper changes nothing of what a call does.
 */
export function withCallMetrics<T extends object>(channel: T, name: string, record: (channel: string, operation: string, seconds: number, errorCode: string | null) => void): T {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property !== 'string' || !CALLS.has(property)) return method.bind(target);
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          const result = await method.apply(target, args);
          record(name, property, (performance.now() - started) / 1000, null);
          return result;
        } catch (error) {
          record(name, property, (performance.now() - started) / 1000, errorCode(error));
          throw error;
        }
      };
    },
  });
}
