import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Static files of the web app (CSS, the little JS), served at /app/assets/. */
export const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

const versions = new Map<string, string>();

/**
 * The URL of an asset with its content hash as version, so browsers may cache it for a year and
 * still get a new file the moment it changes.
 */
export function assetUrl(name: string): string {
  let version = versions.get(name);
  if (version === undefined) {
    version = createHash('sha256').update(readFileSync(`${ASSETS_DIR}${name}`)).digest('hex').slice(0, 12);
    versions.set(name, version);
  }
  return `/app/assets/${name}?v=${version}`;
}
