import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { DeliveryOutcome } from '../alerts/deliver.ts';
import type { WatchSummary } from '../alerts/watch.ts';
import type { SettledPublication } from '../publishing/settled.ts';

/** Seconds: from a few hundred milliseconds (a website page) to hours (a paused Page). */
const LAG_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 14_400, 86_400];
const CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * What a worker process measures as it works, on a registry of its own (served on its own port,
 * src/metrics/http-server.ts): publication outcomes and lag, every channel call's latency and errors
 * by code, alert deliveries and watch passes, plus Node's own process metrics.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly outcomes = new Counter({ name: 'herald_publication_outcomes_total', help: 'Publication attempts by channel and outcome (published, delivered, failed, retry, paused)', labelNames: ['channel', 'outcome'] as const, registers: [this.registry] });
  private readonly lag = new Histogram({ name: 'herald_publication_lag_seconds', help: 'How late a publication went out: actual minus scheduled time', labelNames: ['channel'] as const, buckets: LAG_BUCKETS, registers: [this.registry] });
  private readonly calls = new Histogram({ name: 'herald_channel_call_duration_seconds', help: 'Duration of channel calls (deliver, withdraw, findExisting, deliverBatch, findBatch)', labelNames: ['channel', 'operation'] as const, buckets: CALL_BUCKETS, registers: [this.registry] });
  private readonly callErrors = new Counter({ name: 'herald_channel_call_errors_total', help: 'Failed channel calls by error code (Graph code, Node error code, HTTP status or error name)', labelNames: ['channel', 'operation', 'code'] as const, registers: [this.registry] });
  private readonly deliveries = new Counter({ name: 'herald_alert_deliveries_total', help: 'Alert delivery attempts by transport and outcome (sent, retry, failed)', labelNames: ['transport', 'outcome'] as const, registers: [this.registry] });
  private readonly alertMessages = new Counter({ name: 'herald_alert_messages_total', help: 'Alert messages raised by the deadline watch, by phase (opened, reminder, resolved)', labelNames: ['phase'] as const, registers: [this.registry] });

  /** Node's process metrics (CPU, memory, event-loop lag): started only where they are served. */
  withProcessMetrics(): this {
    collectDefaultMetrics({ register: this.registry, prefix: 'herald_worker_' });
    return this;
  }

  /** A batch's outcomes: one label set per publication, the lag of each one that went out. */
  settled(settled: readonly SettledPublication[]): void {
    for (const s of settled) {
      const channel = s.publication.channel;
      this.outcomes.inc({ channel, outcome: s.state });
      if (s.at && (s.state === 'published' || s.state === 'delivered')) this.lag.observe({ channel }, Math.max(0, (s.at.getTime() - s.publication.scheduledAt.getTime()) / 1000));
    }
  }

  channelCall(channel: string, operation: string, seconds: number, errorCode: string | null): void {
    this.calls.observe({ channel, operation }, seconds);
    if (errorCode !== null) this.callErrors.inc({ channel, operation, code: errorCode });
  }

  alertDelivery(outcome: DeliveryOutcome): void {
    if (outcome.kind !== 'skipped') this.deliveries.inc({ transport: outcome.transport, outcome: outcome.kind });
  }

  watchPass(summary: WatchSummary): void {
    this.alertMessages.inc({ phase: 'opened' }, summary.opened);
    this.alertMessages.inc({ phase: 'reminder' }, summary.reminded);
    this.alertMessages.inc({ phase: 'resolved' }, summary.resolved);
  }
}
