import type { ChannelName } from '../notices/types.ts';

/**
 * What happened to a publication, as the archive names it. A worker appends one record per event,
 * after the channel answered (principle 3):
 * - `delivered`: the channel accepted the artifact but it is not public yet (a newspaper ad handed
 *   over for a coming issue; the record carries the issue date in its receipt).
 * - `published`: the artifact is public (website page live, Facebook post created or adopted,
 *   newspaper ad confirmed in print with its tear sheet).
 * - `withdrawn`: taken down or out of the listings; the content is what was sent to withdraw it and
 *   the receipt says why.
 * - `corrected`: a new notice version replaced this one on the channel; both versions stay archived.
 * - `failed`: the channel refused for good; the content is the request and its answer.
 * - `comment`: a resident's comment on a Facebook post, harvested after publication (the dialog is
 *   the municipality's correspondence); the receipt lists the content's personal data as `screenable`.
 * - `alert`: a message of the deadline watch about the notice (an alert opened, repeated or
 *   resolved: src/alerts/); the content is the message as sent, the receipt names the alert and phase.
 * - `seal`: the tenant's chain head at the end of a day, signed with the deployment's seal key
 *   (src/archive/seals/daily-seal.ts); belongs to no notice.
 */
export type ArchiveEvent = 'delivered' | 'published' | 'withdrawn' | 'corrected' | 'failed' | 'comment' | 'alert' | 'seal';

/** A JSON object as the channel answered it (ids, URLs, status, issue date …). */
export type ArchiveReceipt = Readonly<Record<string, unknown>>;

/** What a worker appends. Everything here is immutable once inserted; the chain covers all of it. */
export interface ArchiveRecordInput {
  tenantId: string;
  /** Null only for records that belong to no notice. */
  noticeId: string | null;
  noticeVersion: number | null;
  publicationId: string | null;
  channel: ChannelName | null;
  event: ArchiveEvent;
  /** The exact bytes that went out (HTML page, ad PDF, Graph API request and response). */
  content: Buffer;
  contentType: string;
  /** The rule-file version the notice was checked against. */
  ruleVersion: string | null;
  /**
   * Stored as jsonb via JSON.stringify (so a Date becomes its ISO string). The chain hashes the
   * value as PostgreSQL gives it back, so that is what an archivist recomputes from.
   */
  receipt: ArchiveReceipt | null;
}
