import type pg from 'pg';
import type { AlertFacts, AlertKind, AlertPhase } from '../alerts/types.ts';

type Db = pg.Pool | pg.PoolClient;

/** An alert as the watch keeps it. */
export interface AlertRow {
  id: string;
  key: string;
  kind: AlertKind;
  facts: AlertFacts;
  recipients: string[];
  openedAt: Date;
  lastNotifiedAt: Date;
  reminders: number;
  resolvedAt: Date | null;
}

const COLUMNS = `id, key, kind, facts, recipients, opened_at AS "openedAt", last_notified_at AS "lastNotifiedAt", reminders, resolved_at AS "resolvedAt"`;

/**
 * Takes the tenant's alert lock for this transaction, or answers false when another watch holds it
 * (two worker processes' passes never raise the same alert twice).
 */
export async function lockTenantAlerts(client: pg.PoolClient, tenantId: string): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext('herald-alerts'), hashtext($1)) AS locked`, [tenantId]);
  return rows[0]?.locked === true;
}

export async function openAlerts(db: Db, tenantId: string): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE tenant_id = $1 AND resolved_at IS NULL`, [tenantId]);
  return rows;
}

export async function insertAlert(
  db: Db,
  alert: { id: string; tenantId: string; key: string; kind: AlertKind; facts: AlertFacts; recipients: readonly string[]; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO alerts (id, tenant_id, key, kind, channel, facts, recipients, opened_at, last_notified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [alert.id, alert.tenantId, alert.key, alert.kind, alert.facts.channel, JSON.stringify(alert.facts), alert.recipients, alert.at],
  );
}

/** What the watch saw this time; `notifiedAt` when a reminder goes out with it. */
export async function refreshAlert(db: Db, id: string, facts: AlertFacts, recipients: readonly string[], notifiedAt: Date | null): Promise<void> {
  await db.query(
    `UPDATE alerts SET facts = $2, recipients = $3, last_notified_at = COALESCE($4, last_notified_at),
            reminders = reminders + CASE WHEN $4::timestamptz IS NULL THEN 0 ELSE 1 END
      WHERE id = $1`,
    [id, JSON.stringify(facts), recipients, notifiedAt],
  );
}

export async function resolveAlert(db: Db, id: string, at: Date): Promise<void> {
  await db.query('UPDATE alerts SET resolved_at = $2, last_notified_at = $2 WHERE id = $1', [id, at]);
}

export async function linkAlertNotices(db: Db, alertId: string, noticeIds: readonly string[]): Promise<void> {
  if (noticeIds.length === 0) return;
  await db.query(`INSERT INTO alert_notices (alert_id, notice_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [alertId, noticeIds]);
}

export type Transport = 'email' | 'webhook';

/** Stores one message and a pending delivery per transport; returns the deliveries' ids. */
export async function insertMessage(
  db: Db,
  message: { id: string; alertId: string; phase: AlertPhase; content: unknown; at: Date; deliveries: readonly { id: string; transport: Transport }[] },
): Promise<string[]> {
  await db.query('INSERT INTO alert_messages (id, alert_id, phase, content, created_at) VALUES ($1, $2, $3, $4, $5)', [
    message.id,
    message.alertId,
    message.phase,
    JSON.stringify(message.content),
    message.at,
  ]);
  if (message.deliveries.length === 0) return [];
  await db.query(
    `INSERT INTO alert_deliveries (id, message_id, transport, created_at) SELECT unnest($1::uuid[]), $2, unnest($3::text[]), $4`,
    [message.deliveries.map((d) => d.id), message.id, message.deliveries.map((d) => d.transport), message.at],
  );
  return message.deliveries.map((d) => d.id);
}

/** Deliveries still pending that were created before `before`: their jobs may be lost with Redis. */
export async function stalePendingDeliveries(db: Db, before: Date): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM alert_deliveries WHERE state = 'pending' AND created_at < $1 ORDER BY created_at LIMIT 1000`, [before]);
  return rows.map((r) => r.id);
}

/** A delivery with its message, as the alert worker sends it. */
export interface DeliveryRow {
  id: string;
  transport: Transport;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  phase: AlertPhase;
  content: StoredMessage;
  tenantSlug: string;
  alertId: string;
}

/** What `alert_messages.content` holds. */
export interface StoredMessage {
  subject: string;
  text: string;
  payload: unknown;
  email: { to: string[] } | null;
  webhook: { url: string } | null;
}

export async function loadDelivery(db: Db, id: string): Promise<DeliveryRow | null> {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT d.id, d.transport, d.state, d.attempts, m.phase, m.content, t.slug AS "tenantSlug", a.id AS "alertId"
       FROM alert_deliveries d JOIN alert_messages m ON m.id = d.message_id JOIN alerts a ON a.id = m.alert_id JOIN tenants t ON t.id = a.tenant_id
      WHERE d.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Records an attempt's outcome: sent, failed for good, or failed this time (still pending). */
export async function recordDeliveryAttempt(db: Db, id: string, outcome: { state: 'sent' | 'failed' | 'pending'; error: string | null; at: Date }): Promise<void> {
  await db.query(
    `UPDATE alert_deliveries SET state = $2, attempts = attempts + 1, last_error = $3, sent_at = CASE WHEN $2 = 'sent' THEN $4::timestamptz END
      WHERE id = $1 AND state = 'pending'`,
    [id, outcome.state, outcome.error, outcome.at],
  );
}

/** An alert as the notice view shows it. */
export interface NoticeAlert {
  id: string;
  kind: AlertKind;
  channel: string | null;
  openedAt: Date;
  lastNotifiedAt: Date;
  resolvedAt: Date | null;
  reminders: number;
  facts: AlertFacts;
}

/** Every alert about a notice of this tenant, newest first. */
export async function alertsOfNotice(db: Db, tenantId: string, noticeId: string): Promise<NoticeAlert[]> {
  const { rows } = await db.query<NoticeAlert>(
    `SELECT a.id, a.kind, a.channel, a.opened_at AS "openedAt", a.last_notified_at AS "lastNotifiedAt", a.resolved_at AS "resolvedAt", a.reminders, a.facts
       FROM alert_notices an JOIN alerts a ON a.id = an.alert_id
      WHERE an.notice_id = $1 AND a.tenant_id = $2
      ORDER BY a.opened_at DESC, a.id`,
    [noticeId, tenantId],
  );
  return rows;
}

/** Open alerts by tenant and kind, for `/metrics`. */
export async function openAlertCounts(db: Db): Promise<{ tenant: string; kind: AlertKind; count: number }[]> {
  const { rows } = await db.query<{ tenant: string; kind: AlertKind; count: number }>(
    `SELECT t.slug AS tenant, a.kind, count(*)::int AS count FROM alerts a JOIN tenants t ON t.id = a.tenant_id WHERE a.resolved_at IS NULL GROUP BY t.slug, a.kind`,
  );
  return rows;
}
