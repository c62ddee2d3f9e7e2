import type { Tenant } from '../config/tenant-types.ts';
import type { ChannelName, NoticeInput, NoticeType } from '../notices/types.ts';

/** The notice version a worker hands to a channel: its text exactly as submitted, and when it goes out. */
export interface NoticeSnapshot {
  id: string;
  version: number;
  type: NoticeType;
  content: NoticeInput;
  /** When the notice first became (or becomes) public: `datePosted` and the feed's `published`. */
  publishAt: Date;
  /** The rule-file version it was checked against. */
  ruleVersion: string;
}

/** One publication of one notice version on one channel (for newspapers: in one newspaper). */
export interface PublicationTask {
  publicationId: string;
  channel: ChannelName;
  /** The newspaper id for the newspaper channel; null otherwise. */
  target: string | null;
  tenant: Tenant;
  notice: NoticeSnapshot;
  scheduledAt: Date;
  appearsAt: Date;
  issueDate: string | null;
  /** 1 for the first try. */
  attempt: number;
  /** When this attempt started: a channel looking for an earlier attempt's post searches from here back. */
  attemptStartedAt: Date;
}

/** The exact bytes that go out; the same bytes are archived. */
export interface Artifact {
  bytes: Buffer;
  contentType: string;
}

/** What the channel answered: where the publication lives now. */
export interface Receipt {
  externalId: string | null;
  url: string | null;
  at: Date;
  /** Channel-specific facts worth archiving (response status, issue date …). */
  details?: Record<string, unknown>;
}

/** The channel could not tell whether an earlier attempt got through (e.g. no way to list posts). */
export const CANNOT_TELL = Symbol('cannot tell');

/**
 * The contract every channel implements (src/channels/README.md). Adapters know nothing of BullMQ,
 * HTTP routes or the archive: a worker hands them a task and gets back an artifact and a receipt.
 */
export interface ChannelAdapter {
  readonly name: ChannelName;
  /**
   * A second delivery would be a second public post (Facebook): when findExisting answers CANNOT_TELL,
   * the attempt is retried later instead of delivering again. @defaultValue false
   */
  readonly duplicatesOnRedelivery?: boolean;
  /**
   * One address per notice, shared by its versions (the website's page): a superseded version's
   * delivery that lands late is taken down by writing the current version's there again, not by
   * removing it. @defaultValue false
   */
  readonly sharedAddress?: boolean;
  /** The exact artifact for this publication. Pure: the same task gives the same bytes. */
  render(task: PublicationTask): Promise<Artifact>;
  /** Makes it public. Throws PermanentChannelError when retrying cannot help. */
  deliver(task: PublicationTask, artifact: Artifact): Promise<Receipt>;
  /** Takes it down (or out of the listings), given the receipt of its delivery. */
  withdraw(task: PublicationTask, delivered: Receipt): Promise<Receipt>;
  /** Before retrying an attempt whose outcome is unknown: is it already out? */
  findExisting(task: PublicationTask, artifact: Artifact): Promise<Receipt | null | typeof CANNOT_TELL>;
}

/**
 * The channel cannot be called for this target now — a rate limit, or a credential that someone must
 * replace — and nothing went out in this attempt. The worker gives the attempt back (no retry is
 * spent) and tries again at `retryAt`; meanwhile other targets of the channel keep flowing.
 */
export class ChannelPausedError extends Error {
  constructor(
    message: string,
    readonly retryAt: Date,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ChannelPausedError';
  }
}

/** The channel refused the request as invalid: retrying cannot help. */
export class PermanentChannelError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'PermanentChannelError';
  }
}
