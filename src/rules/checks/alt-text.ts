import type { Attachment } from '../../notices/types.ts';
import type { CheckFailure } from '../types.ts';
import type { CheckKindDefinition } from './kind.ts';

/** Every attachment needs a text alternative (WCAG 1.1.1) on every channel. */
export const altText: CheckKindDefinition = {
  values: ['number', 'url'],
  run(_params, ctx) {
    const failures: CheckFailure[] = [];
    // The API accepts an attachment without alt text so that this rule can name it.
    const attachments: readonly Partial<Attachment>[] = ctx.notice.attachments ?? [];
    attachments.forEach((attachment, i) => {
      if ((attachment.altText ?? '').trim() === '') {
        failures.push({ path: `/attachments/${i}/altText`, values: { number: i + 1, url: attachment.url ?? '' } });
      }
    });
    return failures;
  },
};
