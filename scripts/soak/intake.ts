import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Role } from '../../src/notices/types.ts';
import type { SoakClient } from './client.ts';
import { noticeFor } from './notices.ts';

/** What the driver knows for sure about one notice it submitted: the ground truth the check compares with. */
export interface Submitted {
  n: number;
  tenant: string;
  type: string;
  /** 201 received: stored. */
  id: string;
  channels: string[];
  publicationIds: string[];
  /** Approved by the second user (plans), or needed none. */
  approved: boolean;
  /** The driver asked for a withdrawal (an answer lost on the way may still have withdrawn it). */
  withdrawAsked: boolean;
  /** … and got 200. */
  withdrawn: boolean;
}

export interface IntakeResult {
  accepted: Submitted[];
  /** Refused by the rules (422 …): should be none, every template is lawful. */
  refused: { n: number; status: number; body: unknown }[];
  /** Answered nothing definite even after retrying. */
  undecided: number;
}

export type Keys = Record<string, Partial<Record<Role | 'approver', string>>>;

export interface IntakeOptions {
  client: SoakClient;
  keys: Keys;
  tenants: readonly string[];
  examplesDir: string;
  /** Intake stops at this instant, or after `maxNotices`. */
  until: number;
  maxNotices: number;
  /** Notices per second, over all submitters. */
  rate: number;
  /** Today's issue takes bookings until then (ms since the epoch). */
  newspaperUntil: number;
  /** Share of accepted notices the driver withdraws a few seconds later. */
  withdrawShare: number;
}

interface NoticeAnswer {
  id: string;
  status: string;
  publications: { id: string; channel: string }[];
}

/** Submits the stream of notices at a fixed rate, approves plans, withdraws some; keeps what it knows. */
export async function runIntake(opts: IntakeOptions): Promise<IntakeResult> {
  const result: IntakeResult = { accepted: [], refused: [], undecided: 0 };
  const followUps: Promise<void>[] = [];
  const started = Date.now();
  let n = 0;
  const inFlight = new Set<Promise<void>>();

  const one = async (i: number): Promise<void> => {
    const planned = noticeFor(i, opts.examplesDir, opts.tenants, Date.now(), opts.until, Date.now() < opts.newspaperUntil);
    const keys = opts.keys[planned.tenant] ?? {};
    const key = keys[planned.role] ?? '';
    const answer = await opts.client.definite('POST', '/v1/notices', key, planned.body, { 'idempotency-key': `soak-${randomUUID()}` });
    if (answer.status !== 201) {
      if (answer.status >= 500 || answer.status === 0) result.undecided += 1;
      else result.refused.push({ n: i, status: answer.status, body: answer.body });
      return;
    }
    const notice = answer.body as NoticeAnswer;
    const submitted: Submitted = {
      n: i,
      tenant: planned.tenant,
      type: planned.body.type,
      id: notice.id,
      channels: planned.body.channels ?? [],
      publicationIds: notice.publications.map((p) => p.id),
      approved: !planned.approval,
      withdrawAsked: false,
      withdrawn: false,
    };
    result.accepted.push(submitted);
    followUps.push(
      (async () => {
        if (planned.approval) {
          const approved = await opts.client.definite('POST', `/v1/notices/${notice.id}/approve`, keys.approver ?? '', undefined);
          // A 409 after an answer lost on the way: the first try may have approved it; look.
          const now = approved.status === 409 ? await opts.client.definite('GET', `/v1/notices/${notice.id}`, key) : approved;
          submitted.approved = now.status === 200 && (now.body as NoticeAnswer).status !== 'awaiting_approval';
        }
        if (Math.random() < opts.withdrawShare) {
          await sleep(Math.random() * 5000);
          submitted.withdrawAsked = true;
          const withdrawn = await opts.client.definite('POST', `/v1/notices/${notice.id}/withdraw`, key, { reason: 'Trukket av soak-testen' });
          submitted.withdrawn = withdrawn.status === 200;
        }
      })(),
    );
  };

  while (Date.now() < opts.until && n < opts.maxNotices) {
    const due = started + (n / opts.rate) * 1000;
    if (due > Date.now()) await sleep(due - Date.now());
    const task = one(n++).finally(() => inFlight.delete(task));
    inFlight.add(task);
    // Many notices waiting on a database that is down would pile up: hold the stream at 50 in flight.
    while (inFlight.size >= 50) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await Promise.all(followUps);
  return result;
}
