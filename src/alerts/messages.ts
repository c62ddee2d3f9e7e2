import { DateTime } from 'luxon';
import type { Tenant } from '../config/tenant-types.ts';
import { alertTexts, type AlertTexts } from './texts.ts';
import type { AlertFacts, AlertKind, AlertPhase } from './types.ts';

/** One message about an alert, as e-mailed and as POSTed to the webhook (`payload`). */
export interface AlertMessage {
  subject: string;
  text: string;
  payload: AlertPayload;
}

/** The webhook body: `text` alone is enough for a Slack or Teams incoming webhook. */
export interface AlertPayload {
  event: `alert.${AlertPhase}`;
  alert: { id: string; kind: AlertKind; openedAt: string };
  tenant: string;
  subject: string;
  text: string;
  /** The deadline in the tenant's local time (ISO with offset), when there is one. */
  deadlineLocal: string | null;
  facts: AlertFacts;
}

export interface MessageInput {
  alertId: string;
  kind: AlertKind;
  phase: AlertPhase;
  openedAt: Date;
  facts: AlertFacts;
  tenant: Tenant;
}

function localTime(iso: string, zone: string, t: AlertTexts): string {
  return DateTime.fromISO(iso, { zone }).setLocale(t.locale).toFormat(t.dateFormat);
}

function channelName(facts: AlertFacts, t: AlertTexts): string {
  if (!facts.channel) return '';
  const name = t.channel[facts.channel];
  return facts.target ? `${name} (${facts.target})` : name;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function noticeLines(input: MessageInput, t: AlertTexts): string[] {
  const zone = input.tenant.timeZone;
  const { notices } = input.facts;
  const describe = (n: AlertFacts['notices'][number]): string => {
    const planned = n.scheduledAt ? `, ${t.labels.planned.toLowerCase()} ${localTime(n.scheduledAt, zone, t)}` : '';
    const state = n.state ? `, ${t.labels.state} ${n.state}` : '';
    return `«${n.title}» (${n.type}, id ${n.id}, v${n.version}${state}${planned})`;
  };
  const first = notices[0];
  if (notices.length === 1 && first) return [`${t.labels.notice}: ${describe(first)}`, `${t.labels.see}: GET /v1/notices/${first.id}`];
  return [`${t.labels.notices} (${notices.length}):`, ...notices.map((n) => `  - ${describe(n)}`)];
}

/** The subject and plain text in the tenant's language, and the webhook's JSON. */
export function renderAlertMessage(input: MessageInput): AlertMessage {
  const { facts, tenant } = input;
  const t = alertTexts(tenant.language);
  const zone = tenant.timeZone;
  const channel = channelName(facts, t);
  const subject =
    t.phase[input.phase] +
    fill(t.subject[input.kind], { title: facts.notices[0]?.title ?? '', channel: input.kind === 'channel-paused' ? capitalise(channel) : channel, count: String(facts.notices.length) });
  const lines = [`${t.labels.municipality}: ${tenant.name}`, ...noticeLines(input, t)];
  if (channel) lines.push(`${t.labels.channel}: ${channel}`);
  if (facts.deadline) lines.push(`${t.labels.deadline}: ${localTime(facts.deadline, zone, t)} (${zone})`);
  if (facts.moment) {
    const { source } = facts.moment;
    lines.push(`${t.labels.legal}: ${facts.moment.rule}, ${source.law} ${source.section} (${localTime(facts.moment.at, zone, t)})`);
  }
  if (input.phase === 'resolved') {
    lines.push('', t.labels.resolved);
  } else {
    if (facts.problem) lines.push(`${t.labels.problem}: ${facts.problem}`);
    lines.push(`${t.labels.what}: ${facts.what?.nb ?? t.what[input.kind]}`);
  }
  const text = `${lines.join('\n')}\n`;
  return {
    subject,
    text,
    payload: {
      event: `alert.${input.phase}`,
      alert: { id: input.alertId, kind: input.kind, openedAt: input.openedAt.toISOString() },
      tenant: tenant.slug,
      subject,
      text,
      deadlineLocal: facts.deadline ? DateTime.fromISO(facts.deadline, { zone }).toISO() : null,
      facts,
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
