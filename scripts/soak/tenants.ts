import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseDocument } from 'yaml';
import type { NewspaperDelivery } from '../../src/config/tenant-types.ts';

/** Each tenant's paper in the soak: its id, and where its batches land. */
export const SOAK_PAPER = 'soakavisa';

/**
 * The shipped tenants, tuned so everything can go out within the run: Facebook posting windows open
 * all day, and one paper per tenant printing every day whose booking deadline is `deadline` (the end
 * of intake, so every newspaper notice of the run makes today's issue, which closes during the soak).
 * Åsnes's paper takes its batches as `asnesDelivery` says (the soak: by SFTP, from the loopback OpenSSH
 * server the chaos driver takes down and up), Karasjok's into a folder. No alert webhooks (no secrets to hand out).
 */
export function writeSoakTenants(from: string, to: string, deadline: DateTime, asnesDelivery: NewspaperDelivery): void {
  mkdirSync(join(to, 'tenants'), { recursive: true });
  for (const file of readdirSync(join(from, 'tenants')).filter((f) => f.endsWith('.yaml'))) {
    const document = parseDocument(readFileSync(join(from, 'tenants', file), 'utf8'));
    const slug = String(document.get('slug'));
    document.setIn(['channels', 'facebook', 'postingWindow'], { from: '00:00', to: '00:00' });
    document.setIn(['channels', 'newspapers'], [
      {
        id: SOAK_PAPER,
        name: `Soakavisa (${slug})`,
        generallyRead: true,
        orderReference: `SOAK-${slug.toUpperCase()}`,
        issueWeekdays: [1, 2, 3, 4, 5, 6, 7],
        bookingDeadline: { workingDaysBefore: 0, time: deadline.setZone('Europe/Oslo').toFormat('HH:mm') },
        ad: { columnWidthMm: 46, columns: 2, maxHeightMm: 300 },
        delivery: slug === 'asnes' ? asnesDelivery : { kind: 'directory' },
      },
    ]);
    if (document.hasIn(['alerts', 'webhook'])) document.deleteIn(['alerts', 'webhook']);
    writeFileSync(join(to, 'tenants', file), document.toString());
  }
}
