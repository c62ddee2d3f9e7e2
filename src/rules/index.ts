/** The rules engine: rule files in, findings out. Pure apart from reading the rule files. */
export { loadRuleFiles } from './load.ts';
export { applyTenantOverrides, compileTenantRules } from './tenant-rules.ts';
export { evaluate, OVERRIDE_NOT_ALLOWED, type Evaluation } from './engine.ts';
export { validateFields } from './fields.ts';
export { findNationalIdNumbers, isNationalIdNumber } from './national-id.ts';
export { CHECKS, type CheckKindDefinition } from './checks/index.ts';
export type { TenantRuleFile } from './compiled.ts';
export type * from './types.ts';
export { CHECK_KINDS } from './types.ts';
