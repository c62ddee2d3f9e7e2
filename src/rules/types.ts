import type { DateTime } from 'luxon';
import type { Tenant } from '../config/tenant-types.ts';
import type { ChannelName, NoticeInput, Role } from '../notices/types.ts';
import type { PlannedPublication } from '../scheduling/types.ts';

export type Severity = 'error' | 'warning';

export interface LegalSource {
  /** e.g. "plan- og bygningsloven" */
  law: string;
  /** e.g. "§ 12-10 (1)" */
  section: string;
  url: string;
}

/**
 * Text in bokmål and English, and in nynorsk where given: rule files must give it (the meta-schema
 * requires nn), text built in code may leave it out and is then shown in bokmål (see `inLanguage`).
 */
export interface Messages {
  nb: string;
  nn?: string;
  en: string;
}

/** The languages a finding can be asked for. */
export type MessageLanguage = 'nb' | 'nn' | 'en';

/** Only apply a check when a field or tenant flag has a value. */
export interface CheckCondition {
  /** JSON pointer into the notice (`/fields/stage`) or `tenant.<flag>`. */
  path: string;
  equals?: string | number | boolean;
  in?: (string | number | boolean)[];
}

/** The closed set of check kinds. Each kind is one pure function in `src/rules/checks/`. */
export const CHECK_KINDS = [
  'minDuration',
  'minLeadTime',
  'requiredStatement',
  'wording',
  'forbiddenPattern',
  'channelLength',
  'altText',
  'publishingWindow',
  'holidays',
  'channelRequired',
  'requiredLanguages',
  'requiredFields',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export interface CheckDefinition {
  /** Stable id from the research notes, e.g. `plan.ettersyn.frist`. */
  id: string;
  kind: CheckKind;
  severity: Severity;
  /** Kind-specific parameters; numbers here may be tightened by tenant config. */
  params: Record<string, unknown>;
  message: Required<Messages>;
  source: LegalSource;
  /** True where the figure is local policy rather than law. */
  policy?: boolean;
  /** An error that may be overridden with a recorded reason. */
  overridable?: boolean;
  when?: CheckCondition;
}

/**
 * A field whose values never leave the server in the public journal (offentleg journal): replaced by
 * `******` wherever the journal would show them, titles included (Noark 5 M502 skjermingMetadata).
 */
export interface ScreenedField {
  /** JSON pointer into the notice; a `*` segment stands for every item of a list (agenda items). */
  field: string;
  /** Only where this other field (same list item for `*`) has this value, e.g. a closed agenda item. */
  when?: { field: string; equals: string | number | boolean };
  /** The Noark 5 M502 value naming what is screened. */
  metadata: 'Skjerming tittel mappe - utvalgte ord' | 'Skjerming navn part i sak' | 'Skjerming tittel registrering - utvalgte ord';
  /** The legal basis (skjermingshjemmel, M501). */
  source: LegalSource;
}

/** A text of the web app's form, in each language the app speaks. */
export interface FormText {
  nb: string;
  nn: string;
  en: string;
}

/** How a field of `fields` appears in the web app's form (rule file `form:`, keyed by field name). */
export interface FormEntry {
  label: FormText;
  help?: FormText;
  /** The text of each value of an `enum` field. */
  options?: Record<string, FormText>;
  /** Entries of an object's own fields, or of each item's fields in a list of objects. */
  fields?: Record<string, FormEntry>;
}

export interface RuleFile {
  type: string;
  title: Required<Messages>;
  /** Roles that may submit this type. */
  submitRoles: Role[];
  /** A second user of the same tenant must approve before anything goes out. */
  approval: boolean;
  channels: {
    /** Always planned when the notice names no channels. */
    default: ChannelName[];
    allowed: ChannelName[];
    /** Channels whose publication starts legal periods (deadlines measured from the last one). */
    mandatory: ChannelName[];
  };
  /** The rule cited when `fields` fail their schema (missing organ, bad date …). */
  schemaRule: { id: string; source: LegalSource };
  /** JSON Schema for `fields`. */
  fields: Record<string, unknown>;
  /** Label and help of every field of `fields`, for the web app's generated form. */
  form: Record<string, FormEntry>;
  checks: CheckDefinition[];
  /** Fields the public journal must screen. @defaultValue none */
  screened?: ScreenedField[];
}

/** A rule file as loaded: its checks with tenant overrides not yet applied. */
export interface LoadedRuleFile extends RuleFile {
  /**
   * SHA-256 (hex) of the file's bytes followed by `common.yaml`'s bytes (its checks are merged in):
   * the version a notice was checked against.
   */
  version: string;
  file: string;
}

/** What a check sees. Pure: no I/O; `now` is passed in. */
export interface CheckContext {
  notice: NoticeInput;
  tenant: Tenant;
  now: DateTime;
  /** The planned publications; newspapers carry their issue dates. */
  plan: PlannedPublication[];
  /** When the notice counts as published: the last mandatory channel's `appearsAt`, in the tenant zone. */
  publication: DateTime;
}

/** One failure of a check: where, and values to fill into its message (`{days}`, `{actual}`). */
export interface CheckFailure {
  path: string;
  values?: Record<string, string | number>;
}

export type CheckFunction = (params: Record<string, unknown>, ctx: CheckContext) => CheckFailure[];

/** A check that failed, as returned by the API (`errors` / `warnings`). */
export interface Finding {
  rule: string;
  severity: Severity;
  path: string;
  message: string;
  messages: Messages;
  /** The law behind the rule; absent for Herald's own input rules (time zone gaps, text hygiene). */
  source?: LegalSource;
  policy?: boolean;
  /** Set when an overridable error was overridden; it is then returned as a warning. */
  overrideReason?: string;
}
