import type { PublicationTask } from '../types.ts';
import { issueDateOf, paperOf } from './ad-content.ts';

/** What the paper must do about a withdrawn ad: pull it before print, or print a correction after. */
export type WithdrawalAction = 'pull' | 'correction';

/** The note left beside a withdrawn ad in its issue folder, in Norwegian, for the paper's ad desk. */
export function withdrawalNote(task: PublicationTask, now: Date): { action: WithdrawalAction; bytes: Buffer } {
  const paper = paperOf(task);
  const issueDate = issueDateOf(task);
  const printed = now.getTime() >= task.appearsAt.getTime();
  const action: WithdrawalAction = printed ? 'correction' : 'pull';
  const lines = [
    `TREKK ANNONSE – ${task.tenant.name}`,
    `Avis: ${paper.name}, utgave ${issueDate}`,
    `Kunngjøring: ${task.notice.content.title} (${task.notice.id})`,
    '',
    printed
      ? 'Utgaven er allerede trykket. Kommunen tar kontakt om en rettelse; annonsen skal ikke trykkes på nytt.'
      : 'Annonsen er trukket tilbake av kommunen og skal IKKE trykkes. Bekreft gjerne til kommunen at den er tatt ut.',
    '',
  ];
  return { action, bytes: Buffer.from(lines.join('\n'), 'utf8') };
}
