import type { Language } from '../../notices/types.ts';
import type { CheckFailure } from '../types.ts';
import type { CheckKindDefinition } from './kind.ts';

export interface RequiredLanguagesParams {
  /** Each group needs one of its languages, e.g. `[[se], [nb, nn]]`: Sami and Norwegian. */
  groups: Language[][];
}

/** Languages the notice must be given in, in its own text or a translation. */
export const requiredLanguages: CheckKindDefinition = {
  values: ['missing'],
  run(raw, ctx) {
    const params = raw as unknown as RequiredLanguagesParams;
    const given = new Set<Language>([ctx.notice.language, ...(ctx.notice.translations ?? []).map((t) => t.language)]);
    const failures: CheckFailure[] = [];
    for (const group of params.groups) {
      if (!group.some((language) => given.has(language))) failures.push({ path: '/translations', values: { missing: group.join('/') } });
    }
    return failures;
  },
};
