import type { Tenant } from '../../config/tenant-types.ts';
import type { NoticeInput } from '../../notices/types.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * The administrative unit a case belongs to (M305, mandatory on saksmappe): what the notice itself
 * names — the employer of a vacancy, the organ of a meeting, the contact unit of an announcement or
 * event — or, failing that, the municipality.
 */
export function administrativeUnit(content: NoticeInput, tenant: Tenant): string {
  const f = content.fields as Record<string, unknown> | undefined;
  const contact = f?.contact !== null && typeof f?.contact === 'object' ? (f.contact as Record<string, unknown>) : {};
  return text(f?.employer) ?? text(f?.organ) ?? text(contact.unit) ?? text(f?.organiser) ?? tenant.name;
}
