import type { ValidateFunction } from 'ajv';
import type { CheckKindDefinition } from './checks/kind.ts';
import type { CheckDefinition, LegalSource, LoadedRuleFile } from './types.ts';
import type { ConditionTest } from './when.ts';

/** A check ready to run: its definition (tenant numbers applied), its function and its `when` as a test. */
export interface CompiledCheck {
  definition: CheckDefinition;
  kind: CheckKindDefinition;
  applies: ConditionTest;
}

/** A date-time field to read in the tenant's zone; `*` in its path stands for every item of a list. */
export interface TemporalField {
  segments: readonly string[];
}

export interface CompiledFields {
  validate: ValidateFunction;
  temporal: readonly TemporalField[];
}

/** A rule file as it applies to one tenant, compiled once at start-up for the hot path. */
export interface TenantRuleFile extends LoadedRuleFile {
  /** The tenant's slug. */
  tenant: string;
  compiled: {
    checks: readonly CompiledCheck[];
    fields: CompiledFields;
    /** Rule ids that may be overridden with a reason, and every rule id's source. */
    overridable: ReadonlySet<string>;
    sources: ReadonlyMap<string, LegalSource>;
  };
}
