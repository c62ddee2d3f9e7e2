export { createWebsiteChannel, HTML, type WebsiteChannelOptions } from './adapter.ts';
export { signBody } from './cms-webhook.ts';
export type { WebsiteListing } from './listing.ts';
export { rebuildIndexes, type RebuildOptions, type RebuildResult } from './rebuild-indexes.ts';
