import type { ChannelName } from '../../notices/types.ts';
import type { CheckFailure } from '../types.ts';
import { noticeChannels, reachesGenerallyReadNewspaper } from './channels.ts';
import type { CheckKindDefinition } from './kind.ts';

export interface ChannelRequiredParams {
  channels: ChannelName[];
  /** Only when the notice goes out on any of these (a website counterpart for Facebook posts). */
  ifAnyOf?: ChannelName[];
  /** The newspaper must be "alminnelig lest på stedet" (pbl §§ 12-8, 12-10, 12-12). */
  generallyRead?: boolean;
}

/** Channels the law requires for the notice. */
export const channelRequired: CheckKindDefinition = {
  values: ['channel', 'trigger'],
  run(raw, ctx) {
    const params = raw as unknown as ChannelRequiredParams;
    const present = noticeChannels(ctx);
    const triggers = params.ifAnyOf?.filter((channel) => present.has(channel));
    if (triggers?.length === 0) return [];
    const failures: CheckFailure[] = [];
    for (const channel of params.channels) {
      const served = channel === 'newspaper' && params.generallyRead === true ? reachesGenerallyReadNewspaper(ctx) : present.has(channel);
      if (!served) failures.push({ path: '/channels', values: { channel, trigger: triggers?.join(', ') ?? '' } });
    }
    return failures;
  },
};
