/** A file handed to a paper. */
export interface DropFile {
  name: string;
  bytes: Buffer;
}

/**
 * Where a paper picks up its ads: a folder here or on its SFTP server. Each file is written under a
 * temp name and renamed into place, in the order given, so the paper never sees half a file and
 * (the manifest coming last) never a manifest before its ads.
 */
export interface Drop {
  /** A readable description for receipts and logs (`sftp://host/path`, a local folder). */
  readonly location: string;
  put(folder: string, files: readonly DropFile[]): Promise<void>;
  /** The file's bytes, or null when it is not there (no folder either). */
  read(folder: string, name: string): Promise<Buffer | null>;
  /** File names in the folder; empty when the folder does not exist. */
  list(folder: string): Promise<string[]>;
}
