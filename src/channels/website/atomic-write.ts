import { randomBytes } from 'node:crypto';
import { close, fsync, open, rename, write } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

// The callback API through promisify: fs/promises' FileHandle cost the event loop three times as
// much per page (a handle object, its finalizer, writeFile's loop), and a batch writes hundreds.
const openFile = promisify(open);
const writeTo = promisify(write);
const syncFile = promisify(fsync);
const closeFile = promisify(close);
const renameFile = promisify(rename);

/** Temp files start with this, so a crash leftover is recognisable (and never served as a page). */
export const TEMP_PREFIX = '.herald-tmp-';

// A temp name unique to this process (random, as processes on other machines may share the folder)
// and to the write (a counter): random bytes per page cost more than the name is worth.
const PROCESS_TAG = randomBytes(6).toString('hex');
let writes = 0;

async function syncDirectory(dir: string): Promise<void> {
  const fd = await openFile(dir, 'r');
  try {
    await syncFile(fd);
  } finally {
    await closeFile(fd);
  }
}

/**
 * One sync shared by everyone who asks meanwhile (group commit, as PostgreSQL does for its WAL): a
 * folder fsync covers every rename finished before it started, so a caller who arrives while one
 * runs waits for the next, and pages written side by side share one.
 */
class SharedSync {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly sync: () => Promise<void>) {}

  request(): Promise<void> {
    if (!this.running) return this.start();
    const settled = this.running.then(
      () => undefined,
      () => undefined,
    );
    this.queued ??= settled.then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<void> {
    const running: Promise<void> = this.sync().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }
}

const folderSyncs = new Map<string, SharedSync>();

/** The fsync of a folder's entries, shared by the renames that finish meanwhile. */
function syncFolder(dir: string): Promise<void> {
  let shared = folderSyncs.get(dir);
  if (!shared) folderSyncs.set(dir, (shared = new SharedSync(() => syncDirectory(dir))));
  return shared.request();
}

/** Folders this process has made: a mkdir per page was a tenth of the website's cost. */
const madeFolders = new Set<string>();

/** Creates the temp file, making its folder first if this process has not (or it was removed since). */
async function createTemp(dir: string, temp: string): Promise<number> {
  if (!madeFolders.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeFolders.add(dir);
  }
  try {
    return await openFile(temp, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dir, { recursive: true });
    return openFile(temp, 'wx', 0o644);
  }
}

/** Writes all of `bytes`. */
async function writeBytes(fd: number, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await writeTo(fd, bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/** About this many characters of a text in parts are encoded and written at a time. */
const GROUP_CHARS = 1 << 20;

/**
 * Writes a text given in parts (a listing's entries) a group at a time: a large tenant's feed is
 * tens of megabytes, and joining and encoding it whole held the event loop for a quarter second.
 */
async function writeParts(fd: number, parts: readonly string[]): Promise<void> {
  let group: string[] = [];
  let chars = 0;
  for (const part of parts) {
    group.push(part);
    chars += part.length;
    if (chars >= GROUP_CHARS) {
      await writeBytes(fd, Buffer.from(group.join(''), 'utf8'));
      group = [];
      chars = 0;
    }
  }
  if (group.length > 0) await writeBytes(fd, Buffer.from(group.join(''), 'utf8'));
}

/** File content: bytes, a text, or a text in parts (written without joining them). */
export type FileContent = Buffer | string | readonly string[];

async function writeAndSync(fd: number, content: FileContent): Promise<void> {
  if (Buffer.isBuffer(content)) await writeBytes(fd, content);
  else if (typeof content === 'string') await writeBytes(fd, Buffer.from(content, 'utf8'));
  else await writeParts(fd, content);
  await syncFile(fd);
}

/**
 * Replaces `file` with `bytes` so that a reader sees the old file or the new one, never half of
 * either, and a power cut after it returns loses neither: write a temp file in the same folder (same
 * file system, so rename is atomic), fsync it, rename it over the target, then fsync the folder so
 * the rename itself is durable (one folder fsync shared by the renames that finish meanwhile).
 */
export async function writeFileAtomic(file: string, content: FileContent): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `${TEMP_PREFIX}${basename(file)}.${PROCESS_TAG}.${(writes++).toString(36)}`);
  try {
    const fd = await createTemp(dir, temp);
    try {
      await writeAndSync(fd, content);
    } finally {
      await closeFile(fd);
    }
    await renameFile(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dir);
}
