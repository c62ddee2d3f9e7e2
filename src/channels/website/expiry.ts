import type { DateTime } from 'luxon';
import type { When } from './dates.ts';
import type { NoticeFacts } from './facts.ts';

/** The first instant after `when`: a date runs to its midnight, a date-time ends there. */
function after(when: When): DateTime {
  return when.dateOnly ? when.at.plus({ days: 1 }).startOf('day') : when.at;
}

/**
 * When a notice stops being current, i.e. leaves the index and the feeds (its page stays): the day
 * after the application, comment or appeal deadline, validity date; the end of a meeting or event,
 * or the end of its start day when no end is given. Null: current until withdrawn.
 */
export function expiresAt(facts: NoticeFacts): DateTime | null {
  let until: When | undefined;
  switch (facts.type) {
    case 'vacancy':
      until = facts.applicationDeadline;
      break;
    case 'plan':
      until = facts.commentDeadline ?? facts.appealDeadline;
      break;
    case 'meeting':
    case 'event':
      until = facts.end ?? (facts.start && { at: facts.start.at.startOf('day'), dateOnly: true });
      break;
    case 'announcement':
      until = facts.validUntil;
      break;
  }
  return until === undefined ? null : after(until);
}
