import type { Chaos } from './chaos.ts';
import type { Verdict } from './check.ts';
import type { Answer } from './client.ts';
import type { IntakeResult } from './intake.ts';

/** A 503 with Retry-After is the right answer while PostgreSQL is down (and for a moment after, while pools reconnect). */
const OUTAGE_GRACE_MS = 5000;

export interface SoakSummary {
  ok: boolean;
  cluster: boolean;
  workers: number;
  durationS: number;
  settledAfterS: number;
  notices: number;
  byType: Record<string, number>;
  byTenant: Record<string, number>;
  withdrawn: number;
  refused: number;
  undecided: number;
  publications: number;
  notDue: number;
  byState: Record<string, number>;
  posts: number;
  batches: number;
  archiveRecords: number;
  faults: Record<string, number>;
  lost: number;
  duplicated: number;
  problems: number;
  /** 5xx (or no answer) outside PostgreSQL's outages, or without Retry-After. */
  serverErrors: number;
  /** 503 + Retry-After while PostgreSQL was down: what a client should get. */
  unavailableDuringOutage: number;
  requests: number;
  intakeP50Ms: number;
  intakeP99Ms: number;
  details: { lost: string[]; duplicated: string[]; problems: string[]; serverErrors: string[]; refused: string[]; notDue: string[] };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const countBy = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

export function summarise(input: { intake: IntakeResult; chaos: Chaos; verdict: Verdict; answers: readonly Answer[]; cluster: boolean; durationMs: number; settledAfterMs: number; workers: number }): SoakSummary {
  const { intake, chaos, verdict, answers } = input;
  // The request was in flight at some moment of an outage (on a busy machine an answer can take seconds).
  const duringOutage = (a: Answer) => chaos.postgresDown.some(([from, to]) => a.at <= to + OUTAGE_GRACE_MS && a.at + a.ms >= from - 1000);
  const bad = answers.filter((a) => a.status === 0 || a.status >= 500);
  const excused = bad.filter((a) => a.status === 503 && a.retryAfter !== null && duringOutage(a));
  const serverErrors = bad.filter((a) => !excused.includes(a));
  const intakeMs = answers.filter((a) => a.method === 'POST' && a.path === '/v1/notices' && a.status === 201).map((a) => a.ms).sort((x, y) => x - y);
  const summary: SoakSummary = {
    ok: false,
    cluster: input.cluster,
    workers: input.workers,
    durationS: Math.round(input.durationMs / 1000),
    settledAfterS: Math.round(input.settledAfterMs / 1000),
    notices: intake.accepted.length,
    byType: countBy(intake.accepted, (s) => s.type),
    byTenant: countBy(intake.accepted, (s) => s.tenant),
    withdrawn: intake.accepted.filter((s) => s.withdrawn).length,
    refused: intake.refused.length,
    undecided: intake.undecided,
    publications: verdict.publications,
    notDue: verdict.notDue.length,
    byState: verdict.byState,
    posts: verdict.posts,
    batches: verdict.batches,
    archiveRecords: verdict.archiveRecords,
    faults: Object.fromEntries(chaos.counts),
    lost: verdict.lost.length,
    duplicated: verdict.duplicated.length,
    problems: verdict.problems.length,
    serverErrors: serverErrors.length,
    unavailableDuringOutage: excused.length,
    requests: answers.length,
    intakeP50Ms: Math.round(percentile(intakeMs, 50)),
    intakeP99Ms: Math.round(percentile(intakeMs, 99)),
    details: {
      lost: verdict.lost,
      duplicated: verdict.duplicated,
      problems: verdict.problems,
      serverErrors: serverErrors.map((a) => `${new Date(a.at).toISOString()} ${a.method} ${a.path} → ${a.status || 'no answer'}: ${JSON.stringify(a.body).slice(0, 200)}`),
      refused: intake.refused.map((r) => `#${r.n} ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`),
      notDue: verdict.notDue,
    },
  };
  summary.ok = summary.lost === 0 && summary.duplicated === 0 && summary.problems === 0 && summary.serverErrors === 0 && summary.refused === 0 && summary.undecided === 0;
  return summary;
}

const show = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || '—';

export function printReport(s: SoakSummary): void {
  const rows: [string, string][] = [
    ['redis', s.cluster ? 'cluster of 3 masters' : 'single server'],
    ['processes', `2 API, ${s.workers} worker`],
    ['intake', `${s.durationS} s; settled ${s.settledAfterS} s after`],
    ['notices accepted', `${s.notices} (${show(s.byType)}; ${show(s.byTenant)})`],
    ['withdrawn by the driver', String(s.withdrawn)],
    ['refused / undecided', `${s.refused} / ${s.undecided}`],
    ['publications', `${s.publications} (${show(s.byState)}); booked after the run: ${s.notDue}`],
    ['Facebook posts / newspaper batches', `${s.posts} / ${s.batches}`],
    ['archive records (chain verified)', String(s.archiveRecords)],
    ['faults injected', show(s.faults)],
    ['lost', String(s.lost)],
    ['duplicated', String(s.duplicated)],
    ['other problems', String(s.problems)],
    ['5xx (outside PostgreSQL outages)', String(s.serverErrors)],
    ['503 + Retry-After during outages', String(s.unavailableDuringOutage)],
    ['API requests', String(s.requests)],
    ['intake latency p50 / p99', `${s.intakeP50Ms} ms / ${s.intakeP99Ms} ms`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [`| ${'what'.padEnd(width)} | result |`, `|${'-'.repeat(width + 2)}|--------|`, ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v} |`)];
  process.stdout.write(`\n${lines.join('\n')}\n\n${s.ok ? 'soak: OK — nothing lost, nothing duplicated' : 'soak: FAILED'}\n`);
  for (const [what, items] of Object.entries(s.details)) {
    for (const item of items.slice(0, 20)) process.stdout.write(`  ${what}: ${item}\n`);
    if (items.length > 20) process.stdout.write(`  ${what}: … and ${items.length - 20} more\n`);
  }
}
