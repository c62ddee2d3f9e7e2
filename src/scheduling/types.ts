import type { ChannelName } from '../notices/types.ts';

/** One planned publication of a notice on one channel (for newspapers: in one newspaper). */
export interface PlannedPublication {
  channel: ChannelName;
  /** The newspaper id for the newspaper channel; null otherwise. */
  target: string | null;
  /** When the worker acts: the publish instant, or for a newspaper the booking deadline. */
  scheduledAt: Date;
  /** When the public can see it: for a newspaper the start of the issue day (local). */
  appearsAt: Date;
  /** Newspaper issue date, `YYYY-MM-DD` in the tenant's zone. */
  issueDate?: string;
}
