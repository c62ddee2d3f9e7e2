import type { Clock } from '../../../src/time/clock.ts';
import { DEADLINE } from './support.ts';

/**
 * A clock that runs at real speed but reads `leadMs` before Glåmdalen's booking deadline now, so
 * BullMQ's real delays and Herald's clock agree: the deadline comes `leadMs` from now.
 */
export function clockBeforeDeadline(leadMs: number): Clock {
  const offset = DEADLINE.getTime() - leadMs - Date.now();
  return () => new Date(Date.now() + offset);
}
