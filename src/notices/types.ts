/** The five kinds of notice Herald knows; each has a rule file in `rules/<type>.yaml`. */
export const NOTICE_TYPES = ['vacancy', 'plan', 'meeting', 'event', 'announcement'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const LANGUAGES = ['nb', 'nn', 'se', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CHANNELS = ['website', 'newspaper', 'facebook'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export const ROLES = ['hr', 'communications', 'archivist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Attachment {
  url: string;
  altText: string;
}

/** The same notice in a further language (samelova § 3-2: Sami beside Norwegian). */
export interface Translation {
  language: Language;
  title: string;
  body: string;
}

/** An error that the rule file allows to be overridden, with the reason recorded. */
export interface RuleOverride {
  rule: string;
  reason: string;
}

/** A notice as a user submits it (POST /v1/notices). Text is kept exactly as written. */
export interface NoticeInput {
  type: NoticeType;
  language: Language;
  title: string;
  body: string;
  /** ISO 8601 with offset, or local wall time in the tenant's zone; absent = as soon as allowed. */
  publishAt?: string;
  channels?: ChannelName[];
  fields: Record<string, unknown>;
  attachments?: Attachment[];
  translations?: Translation[];
  overrides?: RuleOverride[];
}
