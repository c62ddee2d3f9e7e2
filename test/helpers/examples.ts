import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NoticeInput } from '../../src/notices/types.ts';
import { EXAMPLES_DIR } from './paths.ts';

export const EXAMPLE_NAMES = [
  'vacancy',
  'plan-oppstart',
  'plan-ettersyn',
  'plan-vedtak',
  'plan-kommuneplan-hoering',
  'meeting',
  'event',
  'announcement',
] as const;

/** A fresh copy of a shipped example notice, to mutate freely. */
export function example(name: (typeof EXAMPLE_NAMES)[number]): NoticeInput {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8')) as NoticeInput;
}
