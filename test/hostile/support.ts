import assert from 'node:assert/strict';
import { assertNoPoisoning } from '@fast-check/poisoning';
import type { LightMyRequestResponse } from 'fastify';
import type pg from 'pg';

/** Every table's row count (the migration ledger aside): a refused request must leave all of them as they were. */
export async function rowCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'pgmigrations' ORDER BY 1",
  );
  const sql = tables.map((t) => `SELECT '${t.name}' AS name, count(*)::int AS n FROM "${t.name}"`).join(' UNION ALL ');
  const { rows } = await pool.query<{ name: string; n: number }>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

export interface ProblemItem {
  rule?: unknown;
  path?: unknown;
}

export interface Problem {
  type: string;
  status: number;
  detail?: string;
  errors?: ProblemItem[];
}

/** `rule path` of each item, the way the assertions below read them. */
export const named = (items: readonly ProblemItem[] | undefined): string[] => (items ?? []).map((e) => `${String(e.rule)} ${String(e.path)}`);

/**
 * A refusal a caller can act on: 4xx, problem+json with a type, and — where the request had content
 * to point at (400, 422) — every item names a rule and a JSON pointer.
 */
export function assertClearRefusal(res: LightMyRequestResponse, what: string): Problem {
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${what}: expected a 4xx, got ${res.statusCode}: ${res.body.slice(0, 500)}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${what}: not problem+json`);
  const problem = res.json<Problem>();
  assert.equal(problem.status, res.statusCode, `${what}: problem status`);
  assert.match(problem.type, /^\/docs\/errors#herald_err_/, `${what}: problem type`);
  if (res.statusCode === 400 || res.statusCode === 422) {
    assert.ok(problem.errors && problem.errors.length > 0, `${what}: a ${res.statusCode} names no rule or path: ${res.body.slice(0, 500)}`);
    for (const item of problem.errors) {
      assert.ok(typeof item.rule === 'string' && item.rule.length > 0, `${what}: an item without a rule: ${JSON.stringify(item)}`);
      assert.ok(typeof item.path === 'string' && (item.path === '' || item.path.startsWith('/')), `${what}: an item without a JSON pointer: ${JSON.stringify(item)}`);
    }
  }
  return problem;
}

/**
 * Nothing reachable from globalThis changed since this module was loaded (Object.prototype,
 * Array.prototype.map …), apart from what loading the app legitimately adds: tslib's `__helpers`,
 * Node's web globals that materialise on first use, and undici's dispatcher.
 */
export function assertNoPollution(what: string): void {
  assertNoPoisoning({ ignoredRootRegex: /^(__\w+|AbortController|AbortSignal|File|Blob|FormData|Headers|Request|Response|ReadableStream|WritableStream|TransformStream|TextDecoderStream|TextEncoderStream|atob|btoa|fetch|Symbol\(undici\..*\))$/ });
  assert.equal(({} as Record<string, unknown>).polluted, undefined, `${what}: Object.prototype polluted`);
}
