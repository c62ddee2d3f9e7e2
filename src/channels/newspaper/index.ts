export { createNewspaperChannel, type DeliveredBatch, type NewspaperChannel, type NewspaperChannelOptions } from './adapter.ts';
export { adContent } from './ad-content.ts';
export { AdDoesNotFit, measureAd } from './ad-pdf.ts';
export { batchOf, type Batch } from './batch.ts';
export type { SftpOptions } from './sftp-drop.ts';
