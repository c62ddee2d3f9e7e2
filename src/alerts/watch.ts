import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { appendRecords, type ArchiveRecordInput } from '../archive/index.ts';
import type { Tenant } from '../config/tenant-types.ts';
import { alertCandidates } from '../store/alert-candidates.ts';
import { insertAlert, insertMessage, linkAlertNotices, lockTenantAlerts, openAlerts, refreshAlert, resolveAlert, stalePendingDeliveries, type AlertRow, type StoredMessage, type Transport } from '../store/alerts.ts';
import { pageStatuses } from '../store/facebook-pages.ts';
import { inTransaction } from '../store/transaction.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';
import type { Clock } from '../time/clock.ts';
import { alertConfigOf } from './config.ts';
import { findProblems, type ClosedPage } from './find-problems.ts';
import { renderAlertMessage } from './messages.ts';
import type { AlertFacts, AlertKind, AlertPhase, Problem } from './types.ts';

export interface AlertWatchContext {
  pool: pg.Pool;
  directory: TenantDirectory;
  clock: Clock;
  log: FastifyBaseLogger;
  /** HERALD_SECRET_KEY: whether a Page's stored token is still usable. */
  secretKey: Buffer;
  /** How late an open publication may be before it counts as stuck. @defaultValue 600 000 (10 min) */
  overdueGraceMs: number;
  /** A rate-limit pause longer than this counts as a paused channel. @defaultValue 3 600 000 (1 h) */
  longPauseMs: number;
  /** Whether e-mail can be sent (HERALD_SMTP_URL is set). */
  email: boolean;
  /** Hands delivery ids to the alert queue (deterministic job ids: adding one twice is a no-op). */
  enqueue: (deliveryIds: readonly string[]) => Promise<void>;
}

export interface WatchSummary {
  opened: number;
  reminded: number;
  resolved: number;
}

/** A pending delivery older than this without a sign of life is handed to the queue again. */
const REENQUEUE_AFTER_MS = 60_000;

/** Pages that cannot be used now: a token to replace, or a rate limit that will last. */
async function closedPages(ctx: AlertWatchContext, now: Date): Promise<ClosedPage[]> {
  const statuses = await pageStatuses(ctx.pool, ctx.secretKey, ctx.directory.tenants(), now);
  return statuses
    .filter((s) => s.status === 'needs-token' || (s.status === 'rate-limited' && s.pausedUntil !== null && s.pausedUntil.getTime() - now.getTime() > ctx.longPauseMs))
    .map((s) => ({ tenantSlug: s.tenantSlug, problem: s.problem }));
}

interface Outgoing {
  alertId: string;
  kind: AlertKind;
  phase: AlertPhase;
  openedAt: Date;
  facts: AlertFacts;
  recipients: readonly string[];
}

/** Renders one message, stores it with its deliveries, and archives it once per notice concerned. */
async function send(client: pg.PoolClient, ctx: AlertWatchContext, tenant: Tenant, tenantId: string, out: Outgoing, now: Date): Promise<string[]> {
  const config = alertConfigOf(tenant);
  const rendered = renderAlertMessage({ alertId: out.alertId, kind: out.kind, phase: out.phase, openedAt: out.openedAt, facts: out.facts, tenant });
  const email = ctx.email && out.recipients.length > 0 ? { to: [...out.recipients] } : null;
  const webhook = config.webhook ? { url: config.webhook.url } : null;
  const content: StoredMessage = { subject: rendered.subject, text: rendered.text, payload: rendered.payload, email, webhook };
  const transports: Transport[] = [...(email ? (['email'] as const) : []), ...(webhook ? (['webhook'] as const) : [])];
  const messageId = randomUUID();
  const ids = await insertMessage(client, { id: messageId, alertId: out.alertId, phase: out.phase, content, at: now, deliveries: transports.map((transport) => ({ id: randomUUID(), transport })) });
  const bytes = Buffer.from(JSON.stringify({ alert: out.alertId, kind: out.kind, phase: out.phase, subject: rendered.subject, text: rendered.text, email, webhook }));
  const records: ArchiveRecordInput[] = out.facts.notices.map((n) => ({
    tenantId,
    noticeId: n.id,
    noticeVersion: n.version,
    publicationId: n.publicationId,
    channel: out.facts.channel,
    event: 'alert',
    content: bytes,
    contentType: 'application/json',
    ruleVersion: null,
    receipt: { alertId: out.alertId, messageId, kind: out.kind, phase: out.phase, at: now.toISOString(), deliveries: transports },
  }));
  await appendRecords(client, records);
  ctx.log.info({ event: `alert.${out.phase}`, tenant: tenant.slug, alertId: out.alertId, kind: out.kind, channel: out.facts.channel, noticeIds: out.facts.notices.map((n) => n.id), deliveries: transports }, rendered.subject);
  return ids;
}

function recipientsOf(tenant: Tenant, problem: Problem, earlier: readonly string[] = []): string[] {
  const address = alertConfigOf(tenant).email;
  return [...new Set([...(address ? [address] : []), ...earlier, ...problem.submitterEmails])];
}

/**
 * One tenant's alerts brought in line with what was found: a new problem opens an alert, one still
 * there is refreshed and repeated once the reminder interval has passed, one gone is resolved. All
 * in one transaction under the tenant's alert lock; a pass that cannot take it leaves the tenant to
 * the pass holding it. Returns the new deliveries and the counts.
 */
async function reconcileTenant(ctx: AlertWatchContext, tenant: Tenant, tenantId: string, problems: readonly Problem[], now: Date): Promise<{ deliveries: string[]; summary: WatchSummary }> {
  const summary = { opened: 0, reminded: 0, resolved: 0 };
  const reminderMs = alertConfigOf(tenant).reminderHours * 3_600_000;
  const deliveries = await inTransaction(ctx.pool, async (client) => {
    if (!(await lockTenantAlerts(client, tenantId))) return [];
    const ids: string[] = [];
    const open = new Map<string, AlertRow>((await openAlerts(client, tenantId)).map((a) => [a.key, a]));
    for (const problem of problems) {
      const noticeIds = problem.facts.notices.map((n) => n.id);
      const existing = open.get(problem.key);
      open.delete(problem.key);
      if (!existing) {
        const alertId = randomUUID();
        const recipients = recipientsOf(tenant, problem);
        await insertAlert(client, { id: alertId, tenantId, key: problem.key, kind: problem.kind, facts: problem.facts, recipients, at: now });
        await linkAlertNotices(client, alertId, noticeIds);
        ids.push(...(await send(client, ctx, tenant, tenantId, { alertId, kind: problem.kind, phase: 'opened', openedAt: now, facts: problem.facts, recipients }, now)));
        summary.opened++;
        continue;
      }
      const recipients = recipientsOf(tenant, problem, existing.recipients);
      const due = now.getTime() - existing.lastNotifiedAt.getTime() >= reminderMs;
      await refreshAlert(client, existing.id, problem.facts, recipients, due ? now : null);
      await linkAlertNotices(client, existing.id, noticeIds);
      if (due) {
        ids.push(...(await send(client, ctx, tenant, tenantId, { alertId: existing.id, kind: existing.kind, phase: 'reminder', openedAt: existing.openedAt, facts: problem.facts, recipients }, now)));
        summary.reminded++;
      }
    }
    for (const gone of open.values()) {
      await resolveAlert(client, gone.id, now);
      ids.push(...(await send(client, ctx, tenant, tenantId, { alertId: gone.id, kind: gone.kind, phase: 'resolved', openedAt: gone.openedAt, facts: gone.facts, recipients: gone.recipients }, now)));
      summary.resolved++;
    }
    return ids;
  });
  return { deliveries, summary };
}

/**
 * One pass of the deadline watch (a BullMQ job scheduler runs it every minute): find every problem,
 * bring each tenant's alerts in line, hand the new messages to the alert queue, and hand back
 * deliveries still pending from earlier passes (Redis may have lost their jobs).
 */
export async function runAlertWatch(ctx: AlertWatchContext): Promise<WatchSummary> {
  const now = ctx.clock();
  const closed = await closedPages(ctx, now);
  const rows = await alertCandidates(ctx.pool, {
    overdueBefore: new Date(now.getTime() - ctx.overdueGraceMs),
    closedFacebookTenants: closed.map((p) => p.tenantSlug),
    today: now.toISOString().slice(0, 10),
  });
  const problems = findProblems({ rows, closedPages: closed, directory: ctx.directory, now, overdueGraceMs: ctx.overdueGraceMs });
  const { rows: tenantRows } = await ctx.pool.query<{ id: string; slug: string }>('SELECT id, slug FROM tenants');
  const ids = new Map(tenantRows.map((r) => [r.slug, r.id]));
  const total: WatchSummary = { opened: 0, reminded: 0, resolved: 0 };
  const created: string[] = [];
  for (const tenant of ctx.directory.tenants()) {
    const tenantId = ids.get(tenant.slug);
    if (tenantId === undefined) continue;
    const { deliveries, summary } = await reconcileTenant(ctx, tenant, tenantId, problems.get(tenant.slug) ?? [], now);
    created.push(...deliveries);
    total.opened += summary.opened;
    total.reminded += summary.reminded;
    total.resolved += summary.resolved;
  }
  const stale = await stalePendingDeliveries(ctx.pool, new Date(Date.now() - REENQUEUE_AFTER_MS));
  await ctx.enqueue([...created, ...stale]);
  return total;
}
