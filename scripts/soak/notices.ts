import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelName, NoticeInput, Role } from '../../src/notices/types.ts';

/** One shipped example notice, and who submits it on which channels. */
interface Template {
  example: string;
  role: Role;
  /** Channels always asked for; `maybe` ones are added at random. */
  channels: ChannelName[];
  maybe: ChannelName[];
  /** Plans wait for a second person's approval. */
  approval: boolean;
}

const TEMPLATES: readonly Template[] = [
  { example: 'announcement', role: 'communications', channels: ['website'], maybe: ['facebook', 'newspaper'], approval: false },
  { example: 'event', role: 'communications', channels: ['website'], maybe: ['facebook', 'newspaper'], approval: false },
  { example: 'meeting', role: 'communications', channels: ['website'], maybe: ['facebook', 'newspaper'], approval: false },
  { example: 'vacancy', role: 'hr', channels: ['website', 'facebook'], maybe: ['newspaper'], approval: false },
  { example: 'plan-oppstart', role: 'communications', channels: ['website', 'newspaper'], maybe: ['facebook'], approval: true },
  { example: 'plan-ettersyn', role: 'communications', channels: ['website', 'newspaper'], maybe: ['facebook'], approval: true },
  { example: 'plan-kommuneplan-hoering', role: 'communications', channels: ['website', 'newspaper'], maybe: [], approval: true },
];

/** A Sami version, which a municipality in the Sami language area must give (samelova § 3-2). */
const SAMI = { language: 'se' as const, title: 'Almmuhus', body: 'Dát lea gielddа almmuhus. Eanet dieđut gielddа neahttasiiddus.' };

export interface PlannedNotice {
  tenant: string;
  role: Role;
  approval: boolean;
  body: NoticeInput;
}

/**
 * The `n`-th notice of the stream: the types in turn, tenants alternating, a random choice of the
 * optional channels (the newspaper only while today's issue takes bookings), going out now or a few seconds ahead (but not after `latest`), so that the chaos
 * finds work both waiting in Redis and running.
 */
export function noticeFor(n: number, examplesDir: string, tenants: readonly string[], now: number, latest: number, newspaperOpen: boolean, random: () => number = Math.random): PlannedNotice {
  // After the paper's booking deadline, a notice would wait for tomorrow's issue: none that needs one.
  const usable = newspaperOpen ? TEMPLATES : TEMPLATES.filter((t) => !t.channels.includes('newspaper'));
  const template = usable[n % usable.length];
  if (!template) throw new Error('no templates');
  const tenant = tenants[Math.floor(n / TEMPLATES.length) % tenants.length] ?? 'asnes';
  const body = JSON.parse(readFileSync(join(examplesDir, `${template.example}.json`), 'utf8')) as NoticeInput;
  const channels = [...template.channels, ...template.maybe.filter((c) => (newspaperOpen || c !== 'newspaper') && random() < 0.5)];
  const ahead = random() < 0.5 ? 0 : random() * 15_000;
  const publishAt = new Date(Math.min(now + ahead, latest)).toISOString();
  const notice: NoticeInput = { ...body, title: `${body.title} (soak ${n + 1})`, channels, publishAt };
  if (tenant === 'karasjok') notice.translations = [SAMI];
  return { tenant, role: template.role, approval: template.approval, body: notice };
}

export const NOTICE_TYPES = [...new Set(TEMPLATES.map((t) => t.example.replace(/-.*/, '')))];
