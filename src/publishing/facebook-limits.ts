import { DEFAULT_MAX_LENGTH } from '../channels/facebook/index.ts';
import type { PublicationTask } from '../channels/types.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';

/**
 * The Facebook length limit for a task: the lowest `channelLength` check for the channel in the
 * notice type's rule file, with the tenant's (only ever stricter) numbers applied.
 */
export function facebookLengthLimit(directory: TenantDirectory): (task: PublicationTask) => number {
  return (task) => {
    const checks = directory.get(task.tenant.slug)?.rules.get(task.notice.type)?.checks ?? [];
    const limits = checks
      .filter((check) => check.kind === 'channelLength' && check.params.channel === 'facebook')
      .map((check) => check.params.max)
      .filter((max): max is number => typeof max === 'number');
    return limits.length > 0 ? Math.min(...limits) : DEFAULT_MAX_LENGTH;
  };
}
