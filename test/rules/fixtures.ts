import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import type { Tenant } from '../../src/config/tenant-types.ts';
import type { ChannelName, NoticeInput } from '../../src/notices/types.ts';
import { CHECKS, compileTenantRules, loadRuleFiles, type TenantRuleFile } from '../../src/rules/index.ts';
import type { CheckContext, CheckFailure, CheckKind, LoadedRuleFile } from '../../src/rules/types.ts';
import type { PlannedPublication } from '../../src/scheduling/types.ts';

export const ZONE = 'Europe/Oslo';
export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/notices/', import.meta.url));

/** Åsnes-like: one newspaper "alminnelig lest" out on Tuesdays, Thursdays and Saturdays. */
export const asnes: Tenant = {
  slug: 'asnes',
  name: 'Åsnes kommune',
  organisationNumber: '964947007',
  timeZone: ZONE,
  language: 'nb',
  samiLanguageArea: false,
  channels: {
    website: { baseUrl: 'https://www.asnes.kommune.no/' },
    newspapers: [
      {
        id: 'glamdalen',
        name: 'Glåmdalen',
        generallyRead: true,
        confirmWithinDays: 2,
        issueWeekdays: [2, 4, 6],
        bookingDeadline: { workingDaysBefore: 2, time: '12:00' },
        ad: { columnWidthMm: 46, columns: 2, maxHeightMm: 200 },
        delivery: { kind: 'directory' },
      },
    ],
    facebook: { pageId: '100064000000001', postingWindow: { from: '07:00', to: '22:00' } },
  },
  rules: {},
};

/** In the administrative area for Sami languages (samelova § 3-2). */
export const karasjok: Tenant = {
  ...asnes,
  slug: 'karasjok',
  name: 'Kárášjoga gielda – Karasjok kommune',
  organisationNumber: '964830002',
  samiLanguageArea: true,
  channels: { ...asnes.channels, newspapers: asnes.channels.newspapers.map((paper) => ({ ...paper, id: 'sagat', name: 'Ságat' })) },
};

/** A local wall time in Oslo. */
export function oslo(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: ZONE });
}

let loaded: LoadedRuleFile[] | undefined;
export function ruleFiles(): LoadedRuleFile[] {
  loaded ??= loadRuleFiles(RULES_DIR);
  return loaded;
}

export function rulesFor(type: string, tenant: Tenant = asnes): TenantRuleFile {
  const rules = compileTenantRules(ruleFiles(), tenant).get(type);
  if (!rules) throw new Error(`no rule file for ${type}`);
  return rules;
}

export function readExample(name: string): NoticeInput {
  return JSON.parse(readFileSync(`${EXAMPLES_DIR}${name}.json`, 'utf8')) as NoticeInput;
}

/**
 * A hand-made plan (the real planner lives in src/scheduling): website and Facebook at `at`, the
 * newspaper in the first issue at least two days later, visible from the start of that day.
 */
export function planAt(channels: readonly ChannelName[], at: DateTime, tenant: Tenant = asnes): PlannedPublication[] {
  return channels.flatMap((channel): PlannedPublication[] => {
    if (channel !== 'newspaper') return [{ channel, target: null, scheduledAt: at.toJSDate(), appearsAt: at.toJSDate() }];
    return tenant.channels.newspapers.map((paper) => {
      let issue = at.setZone(tenant.timeZone).startOf('day').plus({ days: 2 });
      while (!(paper.issueWeekdays as number[]).includes(issue.weekday)) issue = issue.plus({ days: 1 });
      return { channel, target: paper.id, scheduledAt: at.toJSDate(), appearsAt: issue.toJSDate(), issueDate: issue.toISODate() ?? '' };
    });
  });
}

export interface ContextOptions {
  tenant?: Tenant;
  now?: DateTime;
  plan?: PlannedPublication[];
  /** @defaultValue the last planned publication, or `now` */
  publication?: DateTime;
}

export function contextFor(notice: NoticeInput, options: ContextOptions = {}): CheckContext {
  const tenant = options.tenant ?? asnes;
  const now = options.now ?? oslo('2027-01-04T09:00');
  const plan = options.plan ?? planAt(notice.channels ?? [], now, tenant);
  const last = plan.reduce((latest, p) => Math.max(latest, p.appearsAt.getTime()), now.toMillis());
  const publication = options.publication ?? DateTime.fromMillis(last, { zone: tenant.timeZone });
  return { notice, tenant, now, plan, publication };
}

/** A minimal notice; tests add only what they are about. */
export function notice(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return { type: 'announcement', language: 'nb', title: 'Kunngjøring', body: 'Tekst.', channels: ['website'], fields: {}, ...overrides };
}

/** Runs one kind of check on its own. */
export function runCheck(kind: CheckKind, params: Record<string, unknown>, ctx: CheckContext): CheckFailure[] {
  return CHECKS[kind].run(params, ctx);
}
