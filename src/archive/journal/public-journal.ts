import { DateTime } from 'luxon';
import type pg from 'pg';
import type { Tenant } from '../../config/tenant-types.ts';
import type { ScreenedField } from '../../rules/types.ts';
import { COMMENT_SENDER_SCREENING, SCREENED, screenedValues, screenText, screenTree, type Screening } from '../screening/screen.ts';
import { channelLabel, channelRecipient } from './correspondents.ts';
import { journalRows, type JournalRow } from './entries.ts';

/** One entry of the public journal: only what may leave the server, screening applied. */
export interface PublicJournalEntry {
  journalpost: string;
  case: string;
  journalpostType: 'Utgående dokument' | 'Inngående dokument';
  status: 'Ekspedert' | 'Utgår' | 'Mottatt';
  noticeId: string;
  noticeType: string;
  /** offentligTittel: the title with screened words replaced by ******. */
  title: string;
  channel: string | null;
  correspondent: { type: 'Mottaker' | 'Avsender'; name: string };
  publishedAt: string | null;
  deliveredAt: string | null;
  issueDate: string | null;
  withdrawnAt: string | null;
  url: string | null;
  /** The notice's fields as published, screened fields replaced (posts only). */
  fields: Record<string, unknown> | null;
  screening: Screening[];
}

export interface PublicJournalDay {
  date: string;
  entries: PublicJournalEntry[];
}

export interface PublicJournal {
  tenant: string;
  name: string;
  from: string;
  to: string;
  days: PublicJournalDay[];
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** The only place a journal row becomes public: every text goes through the screening here. */
export function publicEntry(row: JournalRow, tenant: Tenant, screened: readonly ScreenedField[]): PublicJournalEntry {
  const found = screenedValues(row.content, screened);
  const title = screenText(row.content.title, found.values);
  const base = {
    journalpost: `${row.year}/${row.number}`,
    case: `${row.year}/${row.caseNumber}`,
    noticeId: row.noticeId,
    noticeType: row.noticeType,
    channel: row.channel,
  };
  if (row.kind === 'comment') {
    return {
      ...base,
      journalpostType: 'Inngående dokument',
      status: 'Mottatt',
      title: `Kommentar på Facebook til «${title}»`,
      correspondent: { type: 'Avsender', name: SCREENED },
      publishedAt: null,
      deliveredAt: null,
      issueDate: null,
      withdrawnAt: null,
      url: null,
      fields: null,
      screening: [COMMENT_SENDER_SCREENING, ...found.screenings],
    };
  }
  const wentOut = row.publishedAt !== null || row.deliveredAt !== null;
  return {
    ...base,
    journalpostType: 'Utgående dokument',
    status: wentOut ? 'Ekspedert' : 'Utgår',
    title: `${title} (${channelLabel(tenant, row.channel, row.target)})`,
    correspondent: { type: 'Mottaker', name: channelRecipient(tenant, row.channel, row.target) },
    publishedAt: iso(row.publishedAt),
    deliveredAt: iso(row.deliveredAt),
    issueDate: row.issueDate,
    withdrawnAt: iso(row.withdrawnAt),
    url: row.url,
    fields: screenTree(row.content.fields, found.paths.filter((p) => p[0] === 'fields').map((p) => p.slice(1)), found.values) as Record<string, unknown>,
    screening: found.screenings,
  };
}

/**
 * The public journal of [from, to) (local dates, `to` exclusive), grouped by journal date. The
 * screening rules of each notice type come from its rule file.
 */
export async function publicJournal(
  pool: pg.Pool,
  input: { tenantId: string; tenant: Tenant; screenedOf: (type: string) => readonly ScreenedField[]; from: DateTime; to: DateTime },
): Promise<PublicJournal> {
  const zone = input.tenant.timeZone;
  const rows = await journalRows(pool, input.tenantId, zone, {
    yearStart: input.from.startOf('year').toJSDate(),
    from: input.from.toJSDate(),
    to: input.to.toJSDate(),
  });
  const days = new Map<string, PublicJournalEntry[]>();
  for (const row of rows) {
    const date = DateTime.fromJSDate(row.firstAt, { zone }).toISODate() ?? '';
    days.set(date, [...(days.get(date) ?? []), publicEntry(row, input.tenant, input.screenedOf(row.noticeType))]);
  }
  return {
    tenant: input.tenant.slug,
    name: input.tenant.name,
    from: input.from.toISODate() ?? '',
    to: input.to.minus({ days: 1 }).toISODate() ?? '',
    days: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, entries]) => ({ date, entries })),
  };
}
