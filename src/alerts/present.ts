import type { NoticeAlert } from '../store/alerts.ts';
import { localIso } from '../time/local-instant.ts';

/** An alert about a notice as `GET /v1/notices/:id` shows it: what, where, by when, and whether it is over. */
export function presentAlert(alert: NoticeAlert, zone: string) {
  const { facts } = alert;
  return {
    id: alert.id,
    kind: alert.kind,
    state: alert.resolvedAt === null ? ('open' as const) : ('resolved' as const),
    channel: facts.channel,
    target: facts.target,
    deadline: facts.deadline,
    deadlineLocal: facts.deadline === null ? null : localIso(new Date(facts.deadline), zone),
    rule: facts.moment?.rule ?? null,
    problem: facts.problem,
    what: facts.what,
    openedAt: alert.openedAt.toISOString(),
    lastNotifiedAt: alert.lastNotifiedAt.toISOString(),
    reminders: alert.reminders,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
  };
}

/** The shape above, for the Notice schema (serialization drops anything not listed). */
export const noticeAlertSchema = {
  $id: 'NoticeAlert',
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    kind: { enum: ['deadline', 'newspaper-unconfirmed', 'channel-paused', 'publication-failed'] },
    state: { enum: ['open', 'resolved'] },
    channel: { type: ['string', 'null'] },
    target: { type: ['string', 'null'] },
    deadline: { type: ['string', 'null'], format: 'date-time', description: 'By when it must be out (or confirmed), UTC' },
    deadlineLocal: { type: ['string', 'null'] },
    rule: { type: ['string', 'null'], description: 'The rule whose legal moment the deadline comes from' },
    problem: { type: ['string', 'null'], description: "What went wrong, in the channel's own words" },
    what: { type: ['object', 'null'], properties: { nb: { type: 'string' }, en: { type: 'string' } } },
    openedAt: { type: 'string', format: 'date-time' },
    lastNotifiedAt: { type: 'string', format: 'date-time' },
    reminders: { type: 'integer' },
    resolvedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;
