import type { CheckKind } from '../types.ts';
import { altText } from './alt-text.ts';
import { channelLength } from './channel-length.ts';
import { channelRequired } from './channel-required.ts';
import { forbiddenPattern } from './forbidden-pattern.ts';
import { holidays } from './holidays.ts';
import type { CheckKindDefinition } from './kind.ts';
import { minDuration } from './min-duration.ts';
import { minLeadTime } from './min-lead-time.ts';
import { publishingWindow } from './publishing-window.ts';
import { requiredFields } from './required-fields.ts';
import { requiredLanguages } from './required-languages.ts';
import { requiredStatement } from './required-statement.ts';
import { wording } from './wording.ts';

/** Every kind of check a rule file may use, by name. */
export const CHECKS: Readonly<Record<CheckKind, CheckKindDefinition>> = {
  minDuration,
  minLeadTime,
  requiredStatement,
  wording,
  forbiddenPattern,
  channelLength,
  altText,
  publishingWindow,
  holidays,
  channelRequired,
  requiredLanguages,
  requiredFields,
};

export type { CheckKindDefinition } from './kind.ts';
