import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BodyNotJson } from '../errors.ts';
import { appendPointer } from '../rules/pointer.ts';

/** A notice nests four levels deep; past this a body is an attack on every recursive walker after the parser. */
export const MAX_JSON_DEPTH = 32;

function refuse(rule: string, path: string, message: string): Error {
  return Object.assign(new BodyNotJson(message), { errors: [{ rule, path, message }] });
}

/**
 * One iterative pass over a parsed body: refuses nesting past MAX_JSON_DEPTH and the keys through
 * which a later merge could reach a prototype (`__proto__`, `constructor.prototype`), naming where.
 */
function inspect(root: unknown): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path, depth } = item;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) throw refuse('json.depth', path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
    for (const [key, inner] of Object.entries(value) as [string, unknown][]) {
      const at = appendPointer(path, Array.isArray(value) ? Number(key) : key);
      const poisoned = key === '__proto__' || (key === 'constructor' && inner !== null && typeof inner === 'object' && Object.hasOwn(inner, 'prototype'));
      if (poisoned) throw refuse('json.forbidden_key', at, `"${key}" may not be used as a key`);
      stack.push({ value: inner, path: at, depth: depth + 1 });
    }
  }
}

/**
 * Herald's application/json parser, in place of Fastify's: bytes that are not UTF-8 are refused rather
 * than silently replaced by U+FFFD, and every refusal names a rule and a JSON pointer.
 */
export function parseJsonBody(_request: FastifyRequest, body: Buffer): unknown {
  if (!isUtf8(body)) throw refuse('json.invalid_utf8', '', 'the body is not UTF-8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw refuse('json.syntax', '', error instanceof Error ? error.message : 'not JSON');
  }
  inspect(parsed);
  return parsed;
}

export function useJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request, body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
