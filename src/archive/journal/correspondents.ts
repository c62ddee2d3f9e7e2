import type { Tenant } from '../../config/tenant-types.ts';

/**
 * The channel as the journalpost's recipient (korrespondansepart «Mottaker»): Herald's posts go
 * to the public through a channel, never to a person.
 */
export function channelRecipient(tenant: Tenant, channel: string | null, target: string): string {
  if (channel === 'website') return 'Publiseringskanal: kommunens nettsted';
  if (channel === 'facebook') return 'Publiseringskanal: kommunens Facebook-side';
  if (channel === 'newspaper') {
    const paper = tenant.channels.newspapers.find((n) => n.id === target);
    return `Publiseringskanal: avisen ${paper?.name ?? target}`;
  }
  return 'Publiseringskanal';
}

/** The channel's name in the journal's titles. */
export function channelLabel(tenant: Tenant, channel: string | null, target: string): string {
  if (channel === 'website') return 'nettsted';
  if (channel === 'facebook') return 'Facebook';
  if (channel === 'newspaper') return tenant.channels.newspapers.find((n) => n.id === target)?.name ?? 'avis';
  return 'kanal';
}
