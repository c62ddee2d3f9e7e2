import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Newspaper, NewspaperDelivery, Tenant } from '../../../src/config/tenant-types.ts';
import type { PublicationTask } from '../../../src/channels/types.ts';
import type { NoticeInput } from '../../../src/notices/types.ts';
import { snapshot, tenant, type ExampleName } from '../website/fixtures.ts';

export const ISSUE_DATE = '2030-03-05';

export function paper(overrides: Partial<Newspaper> = {}, delivery: NewspaperDelivery = { kind: 'directory' }): Newspaper {
  return {
    id: 'glamdalen',
    name: 'Glåmdalen',
    generallyRead: true,
    orderReference: 'ÅSNES-2030-17',
    confirmWithinDays: 2,
    issueWeekdays: [1, 2, 3, 4, 5, 6],
    bookingDeadline: { workingDaysBefore: 2, time: '12:00' },
    ad: { columnWidthMm: 46, columns: 2, maxHeightMm: 300 },
    delivery,
    ...overrides,
  };
}

export function tenantWith(newspaper: Newspaper = paper()): Tenant {
  return tenant({ channels: { website: { baseUrl: 'https://www.asnes.kommune.no/kunngjoringer/' }, newspapers: [newspaper] } });
}

/** A newspaper publication of a shipped example, booked into ISSUE_DATE of `forTenant`'s first paper. */
export function newspaperTask(name: ExampleName, forTenant: Tenant = tenantWith(), edit: (c: NoticeInput) => void = () => undefined): PublicationTask {
  const notice = snapshot(name, '2030-03-01T08:00:00Z', edit);
  return {
    publicationId: randomUUID(),
    channel: 'newspaper',
    target: forTenant.channels.newspapers[0]?.id ?? null,
    tenant: forTenant,
    notice,
    scheduledAt: new Date('2030-03-01T11:00:00Z'),
    appearsAt: new Date('2030-03-04T23:00:00Z'),
    issueDate: ISSUE_DATE,
    attempt: 1,
    attemptStartedAt: new Date('2030-03-01T11:00:00Z'),
  };
}

/** A fresh folder under the OS temp folder, removed when the test file ends. */
export async function tempDir(prefix = 'herald-newspaper-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
