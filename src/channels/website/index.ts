export { createWebsiteChannel, type WebsiteChannelOptions } from './adapter.ts';
export type { WebsiteListing } from './listing.ts';
export { rebuildIndexes, type RebuildOptions, type RebuildResult } from './rebuild-indexes.ts';
