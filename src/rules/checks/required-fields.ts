import { isFilledIn, pointerSegments, valueAt } from '../pointer.ts';
import type { CheckFailure } from '../types.ts';
import { memoizeByParams, type CheckKindDefinition } from './kind.ts';

export interface RequiredFieldsParams {
  /** Pointers into the notice, `/fields/documentsUrl`. */
  fields: string[];
}

const prepare = memoizeByParams((params) =>
  (params as unknown as RequiredFieldsParams).fields.map((pointer) => ({ pointer, segments: pointerSegments(pointer) })),
);

/**
 * Fields a rule requires, often only in some cases (`when`), with its own law and severity;
 * what every notice of a type needs is `required` in the type's fields schema instead.
 */
export const requiredFields: CheckKindDefinition = {
  prepare,
  values: ['field'],
  run(params, ctx) {
    const failures: CheckFailure[] = [];
    for (const { pointer, segments } of prepare(params)) {
      if (!isFilledIn(valueAt(ctx.notice, segments))) failures.push({ path: pointer, values: { field: segments.at(-1) ?? pointer } });
    }
    return failures;
  },
};
