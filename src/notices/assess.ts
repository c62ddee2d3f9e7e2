import type { DateTime } from 'luxon';
import type { Tenant } from '../config/tenant-types.ts';
import { evaluate, validateFields, type TenantRuleFile } from '../rules/index.ts';
import type { Finding } from '../rules/types.ts';
import { planPublications, publicationMoment, unservableChannels } from '../scheduling/index.ts';
import type { PlannedPublication } from '../scheduling/types.ts';
import { parseLocalDateTime } from '../time/local-time.ts';
import { newspaperIssueErrors } from './newspaper-issues.ts';
import { ownFinding } from './own-finding.ts';
import { findTextProblems } from './text-hygiene.ts';
import type { ChannelName, NoticeInput } from './types.ts';

export interface Assessment {
  errors: Finding[];
  warnings: Finding[];
  channels: ChannelName[];
  plan: PlannedPublication[];
}

/** A requested publishAt this far in the past still means "now" (clock skew, a slow form). */
const PAST_TOLERANCE_MS = 5 * 60_000;

function readPublishAt(notice: NoticeInput, tenant: Tenant, now: DateTime, lang: 'nb' | 'nn' | 'en'): { at?: DateTime; errors: Finding[] } {
  if (notice.publishAt === undefined) return { errors: [] };
  const parsed = parseLocalDateTime(notice.publishAt, tenant.timeZone);
  const zone = tenant.timeZone;
  if (!parsed.ok) {
    const offsets = (or: string): string => parsed.candidates?.join(` ${or} `) ?? '';
    const messages = {
      invalid: {
        nb: 'Tidspunktet må være ISO 8601, f.eks. 2027-03-01T09:00 eller 2027-03-01T09:00+01:00.',
        nn: 'Tidspunktet må vere ISO 8601, t.d. 2027-03-01T09:00 eller 2027-03-01T09:00+01:00.',
        en: 'The time must be ISO 8601, e.g. 2027-03-01T09:00 or 2027-03-01T09:00+01:00.',
      },
      nonexistent: {
        nb: `Klokkeslettet finnes ikke i ${zone} den dagen (sommertid starter): velg et annet tidspunkt.`,
        nn: `Klokkeslettet finst ikkje i ${zone} den dagen (sommartida tek til): vel eit anna tidspunkt.`,
        en: `That local time does not exist in ${zone} on that day (clocks go forward): choose another time.`,
      },
      ambiguous: {
        nb: `Klokkeslettet finnes to ganger i ${zone} den dagen (sommertid slutter): oppgi UTC-forskyvning, ${offsets('eller')}.`,
        nn: `Klokkeslettet finst to gonger i ${zone} den dagen (sommartida sluttar): oppgje UTC-forskyving, ${offsets('eller')}.`,
        en: `That local time occurs twice in ${zone} on that day (clocks go back): give the offset, ${offsets('or')}.`,
      },
    }[parsed.problem];
    return { errors: [ownFinding(`time.${parsed.problem}`, '/publishAt', messages, lang)] };
  }
  if (parsed.value.toMillis() < now.toMillis() - PAST_TOLERANCE_MS) {
    return {
      errors: [
        ownFinding('time.past', '/publishAt', { nb: 'Publiseringstidspunktet har allerede vært.', nn: 'Publiseringstidspunktet har alt vore.', en: 'The publication time is in the past.' }, lang),
      ],
    };
  }
  return { at: parsed.value, errors: [] };
}

function checkChannels(requested: readonly ChannelName[], rules: TenantRuleFile, tenant: Tenant, lang: 'nb' | 'nn' | 'en'): Finding[] {
  const errors: Finding[] = [];
  requested.forEach((channel, i) => {
    if (!rules.channels.allowed.includes(channel)) {
      errors.push(
        ownFinding(
          'channel.not_allowed',
          `/channels/${i}`,
          {
            nb: `Kanalen ${channel} kan ikke brukes for denne typen kunngjøring.`,
            nn: `Kanalen ${channel} kan ikkje brukast for denne typen kunngjering.`,
            en: `The ${channel} channel cannot be used for this type of notice.`,
          },
          lang,
        ),
      );
    }
  });
  for (const missing of unservableChannels(requested, tenant)) {
    const i = requested.indexOf(missing.channel);
    const which = missing.target ? ` (${missing.target})` : '';
    errors.push(
      ownFinding(
        'channel.unavailable',
        `/channels/${i}`,
        {
          nb: `${tenant.name} har ikke satt opp kanalen ${missing.channel}${which}.`,
          nn: `${tenant.name} har ikkje sett opp kanalen ${missing.channel}${which}.`,
          en: `${tenant.name} has not configured the ${missing.channel} channel${which}.`,
        },
        lang,
      ),
    );
  }
  return errors;
}

/**
 * Everything Herald decides about a notice before storing it, as a pure function of the notice, the
 * tenant, its rules and the clock: all failures at once, the warnings, and the planned publications.
 */
export function assessNotice(notice: NoticeInput, tenant: Tenant, rules: TenantRuleFile, now: DateTime, lang: 'nb' | 'nn' | 'en'): Assessment {
  const hygiene = findTextProblems(notice, lang);
  if (hygiene.length > 0) return { errors: hygiene, warnings: [], channels: [], plan: [] };

  const channels = notice.channels ?? rules.channels.default;
  const publishAt = readPublishAt(notice, tenant, now, lang);
  const errors = [...publishAt.errors, ...checkChannels(channels, rules, tenant, lang), ...validateFields(rules, notice, tenant, lang)];
  const plan = planPublications({ channels, tenant, now, publishAt: publishAt.at });
  if (plan.length === 0) return { errors, warnings: [], channels, plan };

  const publication = publicationMoment(plan, rules.channels.mandatory, tenant.timeZone);
  const checked = { ...notice, channels };
  const outcome = evaluate(rules, { notice: checked, tenant, now, plan, publication }, lang);
  // As planPublications reads it: a past or absent publishAt means now.
  const earliest = publishAt.at && publishAt.at.toMillis() > now.toMillis() ? publishAt.at : now;
  const late = newspaperIssueErrors(checked, tenant, rules, plan, now, earliest, lang);
  return { errors: [...errors, ...outcome.errors, ...late], warnings: outcome.warnings, channels, plan };
}
