import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { loadDelivery, recordDeliveryAttempt, type DeliveryRow, type Transport } from '../store/alerts.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';
import type { Clock } from '../time/clock.ts';
import type { Mailer } from './email.ts';
import { alertConfigOf } from './config.ts';
import { postWebhook, WebhookRefused } from './webhook.ts';

export interface AlertDeliveryContext {
  pool: pg.Pool;
  directory: TenantDirectory;
  /** Null when HERALD_SMTP_URL is not set. */
  mailer: Mailer | null;
  /** Reads a webhook secret by the name a tenant file gives (`alerts.webhook.secretEnv`). @defaultValue process.env */
  secret: (name: string) => string | undefined;
  clock: Clock;
  log: FastifyBaseLogger;
  /** @defaultValue 10 000 */
  webhookTimeoutMs: number;
}

export type DeliveryOutcome = { kind: 'skipped' } | { kind: 'sent'; transport: Transport } | { kind: 'failed' | 'retry'; transport: Transport; error: string };

/** A refusal that another attempt cannot change. */
class Permanent extends Error {}

function isPermanent(error: unknown): boolean {
  if (error instanceof Permanent || error instanceof WebhookRefused) return true;
  // SMTP's 5xx replies are permanent by definition (RFC 5321 § 4.2.1): a mailbox that does not exist.
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500;
}

async function transmit(ctx: AlertDeliveryContext, delivery: DeliveryRow): Promise<void> {
  const message = delivery.content;
  if (delivery.transport === 'email') {
    if (!ctx.mailer) throw new Permanent('e-mail is not configured (HERALD_SMTP_URL)');
    if (!message.email) throw new Permanent('the message has no e-mail recipients');
    await ctx.mailer.send({ to: message.email.to, subject: message.subject, text: message.text, messageId: delivery.id });
    return;
  }
  const webhook = ctx.directory.get(delivery.tenantSlug)?.tenant;
  const config = webhook ? alertConfigOf(webhook).webhook : undefined;
  if (!config) throw new Permanent(`municipality ${delivery.tenantSlug} no longer has an alert webhook`);
  const secret = ctx.secret(config.secretEnv);
  if (!secret) throw new Permanent(`the webhook secret ${config.secretEnv} is not set in the worker's environment`);
  await postWebhook({ url: config.url, secret, deliveryId: delivery.id, event: `alert.${delivery.phase}`, payload: message.payload as object, now: ctx.clock(), timeoutMs: ctx.webhookTimeoutMs });
}

/**
 * One attempt at one delivery (an e-mail or a webhook POST of one alert message). A delivery already
 * sent or given up is skipped; a failure is kept on the row and retried by the queue with backoff,
 * unless it is permanent or this was the last attempt — then the delivery is `failed`, logged as an error.
 */
export async function deliverAlert(ctx: AlertDeliveryContext, deliveryId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
  const delivery = await loadDelivery(ctx.pool, deliveryId);
  if (delivery?.state !== 'pending') return { kind: 'skipped' };
  const log = ctx.log.child({ tenant: delivery.tenantSlug, alertId: delivery.alertId, deliveryId, transport: delivery.transport, attempt: delivery.attempts + 1 });
  try {
    await transmit(ctx, delivery);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const final = finalAttempt || isPermanent(error);
    await recordDeliveryAttempt(ctx.pool, deliveryId, { state: final ? 'failed' : 'pending', error: text, at: ctx.clock() });
    if (final) log.error({ event: 'alert.delivery.failed', reason: text }, 'alert delivery failed for good');
    else log.warn({ event: 'alert.delivery.retry', reason: text }, 'alert delivery failed; will retry');
    return { kind: final ? 'failed' : 'retry', transport: delivery.transport, error: text };
  }
  await recordDeliveryAttempt(ctx.pool, deliveryId, { state: 'sent', error: null, at: ctx.clock() });
  log.info({ event: 'alert.delivery.sent', phase: delivery.phase }, 'alert delivered');
  return { kind: 'sent', transport: delivery.transport };
}
