import type { ChannelName, NoticeType } from '../notices/types.ts';
import type { LegalSource, Messages } from '../rules/types.ts';

/**
 * What the deadline watch raises an alert about:
 * - `deadline`: a mandatory publication is not out, something is wrong with it (failed, retrying,
 *   overdue, or the notice still awaits approval), and the moment it must be out by is within the
 *   tenant's margin (or past);
 * - `newspaper-unconfirmed`: a newspaper ad handed to the paper has no proof it ran, days after its issue;
 * - `channel-paused`: a channel target cannot be used (a Facebook Page needing a new token) while
 *   notices wait on it — one alert for the channel, naming every waiting notice;
 * - `publication-failed`: the channel refused a publication for good.
 */
export const ALERT_KINDS = ['deadline', 'newspaper-unconfirmed', 'channel-paused', 'publication-failed'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Which message about an alert: the first, a repeat while it lasts, the all-clear. */
export type AlertPhase = 'opened' | 'reminder' | 'resolved';

/** A notice an alert concerns, as its message names it. */
export interface AlertNotice {
  id: string;
  version: number;
  type: NoticeType;
  title: string;
  /** The publication at fault, where there is one. */
  publicationId: string | null;
  /** Its state and when it was planned (ISO, UTC). */
  state: string | null;
  scheduledAt: string | null;
}

/** A legal moment as a message shows it (see legal-moments.ts). */
export interface AlertMoment {
  rule: string;
  /** ISO instant, UTC: the moment itself (the comment deadline, the meeting's start). */
  at: string;
  message: Messages;
  source: LegalSource;
}

/**
 * What the watch knows about a problem, stored as the alert's `facts` and rendered into every message.
 * Instants are ISO strings (UTC); messages show them in the tenant's zone.
 */
export interface AlertFacts {
  channel: ChannelName | null;
  /** The newspaper id, for the newspaper channel. */
  target: string | null;
  notices: AlertNotice[];
  /** By when it must be out (or, for an ad, confirmed): ISO instant, UTC. */
  deadline: string | null;
  /** The legal moment behind the deadline; null when the deadline is the planned time itself. */
  moment: AlertMoment | null;
  /** What went wrong, in the channel's own words (Facebook's message, the SFTP server's answer …). */
  problem: string | null;
  /** What a person should do, as the channel advises (Facebook's error table); null: the kind's own advice. */
  what: Messages | null;
}

/** One problem found by the watch: `key` names it within the tenant, so it is raised only once. */
export interface Problem {
  key: string;
  kind: AlertKind;
  facts: AlertFacts;
  /** Where the alert is e-mailed besides the tenant's alert address: the notices' submitters. */
  submitterEmails: string[];
}
