import type { Tenant } from '../config/tenant-types.ts';
import { isFilledIn, pointerSegments, valueAt } from './pointer.ts';
import type { CheckCondition, CheckContext } from './types.ts';

export type ConditionTest = (ctx: CheckContext) => boolean;

/** Tenant settings a condition may read, `tenant.<flag>`. */
export const TENANT_FLAGS = ['samiLanguageArea', 'language'] as const satisfies readonly (keyof Tenant)[];

const always: ConditionTest = () => true;

function reader(path: string): (ctx: CheckContext) => unknown {
  if (path.startsWith('tenant.')) {
    const flag = path.slice('tenant.'.length) as keyof Tenant;
    return (ctx) => ctx.tenant[flag];
  }
  const segments = pointerSegments(path);
  return (ctx) => valueAt(ctx.notice, segments);
}

/**
 * Turns a `when` into a test, once per rule set. With `equals` or `in` the value must match;
 * with neither, it must be filled in and not `false`.
 */
export function compileCondition(condition: CheckCondition | undefined): ConditionTest {
  if (!condition) return always;
  const read = reader(condition.path);
  const { equals, in: among } = condition;
  if (equals !== undefined) return (ctx) => read(ctx) === equals;
  if (among !== undefined) return (ctx) => among.includes(read(ctx) as string | number | boolean);
  return (ctx) => {
    const value = read(ctx);
    return value !== false && isFilledIn(value);
  };
}
