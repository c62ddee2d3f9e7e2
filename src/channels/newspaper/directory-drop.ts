import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../website/atomic-write.ts';
import type { Drop, DropFile } from './drop.ts';

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The embedded default: batches under a local folder (`<HERALD_DATA_DIR>/newspapers`), written atomically. */
export function directoryDrop(root: string): Drop {
  return {
    location: root,
    async put(folder: string, files: readonly DropFile[]) {
      // One at a time, in order: the manifest, last, appears only after every ad it lists.
      for (const file of files) await writeFileAtomic(join(root, folder, file.name), file.bytes);
    },
    async read(folder: string, name: string) {
      try {
        return await readFile(join(root, folder, name));
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async list(folder: string) {
      try {
        return await readdir(join(root, folder));
      } catch (error) {
        if (missing(error)) return [];
        throw error;
      }
    },
  };
}
