import type { DocumentFormat } from '../archive/noark5/context.ts';
import type { SealKey } from '../archive/seals/seal-key.ts';

/** What the web plugin and each web route module are registered with (each takes what it needs). */
export interface WebOptions {
  /** Key prefix in Redis for the web app's counters (sign-in throttle). */
  keyPrefix: string;
  sealKey: SealKey;
  noarkFormat: DocumentFormat;
  secretKey: Buffer;
  /** The website channel's web root: uploaded images are served from `<webRoot>/<tenant>/media/`. */
  webRoot: string;
}
