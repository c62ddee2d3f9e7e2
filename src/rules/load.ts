import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { readYaml, type YamlSource } from '../config/yaml-document.ts';
import { RuleFileInvalid } from '../errors.ts';
import { NOTICE_TYPES } from '../notices/types.ts';
import { createAjv } from './ajv.ts';
import { errorPointer, groupErrors } from './ajv-errors.ts';
import { channelProblems, checkProblems, fieldsSchemaProblems, screenedProblems, type Problem } from './consistency.ts';
import { formProblems } from './form-labels.ts';
import { commonFileSchema, ruleFileSchema } from './meta-schema.ts';
import type { CheckDefinition, LoadedRuleFile, RuleFile } from './types.ts';

const COMMON_FILE = 'common.yaml';

const metaAjv = createAjv();
const validateRuleFile = metaAjv.compile<RuleFile>(ruleFileSchema);
const validateCommonFile = metaAjv.compile<{ checks: CheckDefinition[] }>(commonFileSchema);

/** One line per problem, for an operator: `rules/plan.yaml:42: /checks/3/params: unknown property "dayz"`. */
function describe(error: ErrorObject, alternatives: readonly ErrorObject[]): string {
  const params = error.params as { additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[] };
  switch (error.keyword) {
    case 'required':
      return `"${params.missingProperty ?? ''}" is missing`;
    case 'additionalProperties':
      return `unknown property "${params.additionalProperty ?? ''}"`;
    case 'enum':
      return `must be one of: ${(params.allowedValues ?? []).map(String).join(', ')}`;
    case 'anyOf':
    case 'oneOf':
      if (alternatives.length > 0 && alternatives.every((a) => a.keyword === 'required')) {
        return `needs one of: ${alternatives.map((a) => (a.params as { missingProperty: string }).missingProperty).join(', ')}`;
      }
      if (alternatives.length > 0) return alternatives.map((a) => describe(a, [])).join('; or ');
      return error.message ?? 'is invalid';
    default:
      return error.message ?? 'is invalid';
  }
}

function schemaProblems(errors: readonly ErrorObject[]): Problem[] {
  return groupErrors(errors).map(({ error, alternatives }) => ({ pointer: errorPointer(error), message: describe(error, alternatives) }));
}

/** ` (rule <id>)` for a problem inside a check that has an id, so the author sees which rule to fix. */
function ruleOf(data: unknown, pointer: string): string {
  const index = /^\/checks\/(\d+)\//.exec(pointer)?.[1];
  if (index === undefined || typeof data !== 'object' || data === null) return '';
  const checks: unknown = Reflect.get(data, 'checks');
  const check: unknown = Array.isArray(checks) ? checks[Number(index)] : undefined;
  const id: unknown = typeof check === 'object' && check !== null ? Reflect.get(check, 'id') : undefined;
  return typeof id === 'string' ? ` (rule ${id})` : '';
}

function report(source: YamlSource, found: readonly Problem[], problems: string[]): void {
  for (const problem of found) {
    problems.push(`${source.file}:${source.lineOf(problem.pointer)}: ${problem.pointer || '/'}: ${problem.message}${ruleOf(source.data, problem.pointer)}`);
  }
}

/** Reads one file; its problems are added to `problems`, and `data` is set only when its shape is valid. */
function readChecked<T>(file: string, validate: ValidateFunction<T>, problems: string[]): { source: YamlSource; data?: T } {
  const source = readYaml(file);
  if (source.syntaxErrors.length > 0) {
    problems.push(...source.syntaxErrors);
    return { source };
  }
  if (!validate(source.data)) {
    report(source, schemaProblems(validate.errors ?? []), problems);
    return { source };
  }
  return { source, data: source.data };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Loads `<dir>/<type>.yaml` for each notice type present, with `common.yaml`'s checks appended to
 * each. Every problem in every file is collected and thrown as one error, one `file:line: reason`
 * per problem, so a broken rule file stops start-up and says exactly where.
 */
export function loadRuleFiles(dir: string): LoadedRuleFile[] {
  const names = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  const problems: string[] = [];
  const common = names.includes(COMMON_FILE)
    ? readChecked(join(dir, COMMON_FILE), validateCommonFile, problems)
    : undefined;
  const commonChecks = common?.data?.checks ?? [];

  const loaded: LoadedRuleFile[] = [];
  for (const name of names.filter((n) => n !== COMMON_FILE)) {
    const file = join(dir, name);
    const { source, data } = readChecked(file, validateRuleFile, problems);
    if (!data) continue;
    const fileProblems: Problem[] = [];
    if (name.replace(/\.ya?ml$/, '') !== data.type) fileProblems.push({ pointer: '/type', message: `type "${data.type}" must match the file name` });
    fileProblems.push(...channelProblems(data.channels), ...fieldsSchemaProblems(data.fields), ...screenedProblems(data.screened ?? [], data.fields));
    fileProblems.push(...formProblems(data.fields, data.form));
    data.checks.forEach((check, i) => {
      fileProblems.push(...checkProblems(check, data.fields).map((p) => ({ ...p, pointer: `/checks/${i}${p.pointer}` })));
    });
    report(source, fileProblems, problems);
    if (common) {
      commonChecks.forEach((check, i) => {
        const found = checkProblems(check, data.fields).map((p) => ({ pointer: `/checks/${i}${p.pointer}`, message: `${p.message} (in ${data.type})` }));
        report(common.source, found, problems);
      });
    }
    // The version covers every byte that shaped the checks: the type's file and common.yaml.
    const version = createHash('sha256').update(source.bytes).update(common?.source.bytes ?? Buffer.alloc(0)).digest('hex');
    loaded.push({ ...data, checks: [...data.checks, ...commonChecks], version, file });
  }
  if (names.length === 0) problems.push(`${dir}: no rule files (*.yaml)`);
  if (problems.length > 0) throw new RuleFileInvalid(problems.join('\n'));
  const order = (file: LoadedRuleFile): number => (NOTICE_TYPES as readonly string[]).indexOf(file.type);
  return loaded.sort((a, b) => order(a) - order(b)).map(deepFreeze);
}
