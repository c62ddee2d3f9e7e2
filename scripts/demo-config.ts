import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseDocument } from 'yaml';

/**
 * `npm run demo`'s configuration: the shipped tenants, with one more newspaper for Åsnes whose booking
 * deadline is a few minutes after the demo starts, so the batch folder can be seen filling at its
 * deadline. Usage: node --import tsx scripts/demo-config.ts <from dir> <to dir> [minutes]; prints the
 * deadline (HH:mm, Oslo time).
 */
const [from = 'config', to = 'data/demo-config', minutes = '3'] = process.argv.slice(2);
const deadline = DateTime.now().setZone('Europe/Oslo').plus({ minutes: Number(minutes) });

mkdirSync(join(to, 'tenants'), { recursive: true });
for (const file of readdirSync(join(from, 'tenants')).filter((f) => f.endsWith('.yaml'))) {
  const document = parseDocument(readFileSync(join(from, 'tenants', file), 'utf8'));
  if (document.get('slug') === 'asnes') {
    document.addIn(['channels', 'newspapers'], {
      id: 'demoavisa',
      name: 'Demoavisa',
      orderReference: 'DEMO',
      issueWeekdays: [1, 2, 3, 4, 5, 6, 7],
      // Same day, a few minutes from now: today's issue closes then (tomorrow's, past midnight).
      bookingDeadline: { workingDaysBefore: 0, time: deadline.toFormat('HH:mm') },
      ad: { columnWidthMm: 46, columns: 2, maxHeightMm: 300 },
      delivery: { kind: 'directory' },
    });
  }
  writeFileSync(join(to, 'tenants', file), document.toString());
}
process.stdout.write(`${deadline.toFormat('HH:mm')}\n`);
