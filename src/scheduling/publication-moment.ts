import { DateTime } from 'luxon';
import type { ChannelName } from '../notices/types.ts';
import type { PlannedPublication } from './types.ts';

/**
 * The moment legal periods are measured from: when the last mandatory channel in the plan reaches the public
 * (a late newspaper must never shorten a frist). Without any mandatory channel in the plan, the last of all.
 * Expressed in `zone`, the tenant's.
 */
export function publicationMoment(
  plan: readonly PlannedPublication[],
  mandatory: readonly ChannelName[],
  zone: string,
): DateTime {
  const mandatoryOnes = plan.filter((publication) => mandatory.includes(publication.channel));
  const counted = mandatoryOnes.length > 0 ? mandatoryOnes : plan;
  if (counted.length === 0) throw new RangeError('an empty plan has no publication moment');
  return DateTime.fromMillis(Math.max(...counted.map((publication) => publication.appearsAt.getTime())), { zone });
}
