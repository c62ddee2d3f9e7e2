import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { createNewspaperChannel } from '../../src/channels/newspaper/index.ts';
import type { PublicationTask } from '../../src/channels/types.ts';
import type { Tenant } from '../../src/config/tenant-types.ts';
import type { NoticeInput } from '../../src/notices/types.ts';

/** Ads per CPU-second of this process: Herald's PDF/A ad beside pdfkit's bare PDF of the same text. */
export interface AdRates {
  heraldPerCpuSecond: number;
  barePerCpuSecond: number;
  /** Mean bytes of an ad and of the bare PDF, for context. */
  heraldBytes: number;
  bareBytes: number;
}

/** Newspaper tasks for every shipped example notice, booked into the tenant's first paper. */
async function tasks(tenant: Tenant): Promise<PublicationTask[]> {
  const paper = tenant.channels.newspapers[0];
  if (!paper) throw new Error(`${tenant.slug} has no newspaper`);
  const files = (await readdir('examples/notices')).filter((f) => f.endsWith('.json')).sort();
  const at = new Date('2030-03-01T11:00:00Z');
  return Promise.all(
    files.map(async (file) => {
      const content = JSON.parse(await readFile(join('examples/notices', file), 'utf8')) as NoticeInput;
      return {
        publicationId: randomUUID(),
        channel: 'newspaper' as const,
        target: paper.id,
        tenant,
        notice: { id: randomUUID(), version: 1, type: content.type, content, publishAt: at, ruleVersion: 'bench' },
        scheduledAt: at,
        appearsAt: new Date('2030-03-04T23:00:00Z'),
        issueDate: '2030-03-05',
        attempt: 1,
        attemptStartedAt: at,
      };
    }),
  );
}

/** The baseline: pdfkit's default document with the notice's title and body, nothing else. */
function barePdf(content: NoticeInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
    doc.fontSize(14).text(content.title);
    doc.fontSize(10).text(content.body);
    doc.end();
  });
}

/** CPU seconds of this process while `work` runs, with the mean size of what it made. */
async function cpuOf(count: number, work: (i: number) => Promise<Buffer>): Promise<{ perCpuSecond: number; bytes: number }> {
  const before = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += (await work(i)).length;
  const spent = process.cpuUsage(before);
  return { perCpuSecond: count / ((spent.user + spent.system) / 1e6), bytes: bytes / count };
}

/**
 * Renders `count` ads one after another (one core) through the newspaper channel, and as many bare
 * PDFs of the same texts; warmed up first so font loading and JIT are not measured.
 */
export async function measureAdRendering(tenant: Tenant, count: number): Promise<AdRates> {
  const channel = createNewspaperChannel({ directoryRoot: '/nonexistent', clock: () => new Date() });
  // Only the examples whose ad fits the paper's format: intake refuses the others.
  const all = await tasks(tenant);
  const fits = await Promise.all(all.map((t) => channel.render(t).then(() => true, () => false)));
  const list = all.filter((_, i) => fits[i]);
  if (list.length === 0) throw new Error('no example fits the paper');
  const task = (i: number): PublicationTask => {
    const found = list[i % list.length];
    if (!found) throw new Error('no task');
    return found;
  };
  const herald = (i: number): Promise<Buffer> => channel.render(task(i)).then((a) => a.bytes);
  const bare = (i: number): Promise<Buffer> => barePdf(task(i).notice.content);
  await cpuOf(list.length * 2, herald);
  await cpuOf(list.length * 2, bare);
  const [h, b] = [await cpuOf(count, herald), await cpuOf(count, bare)];
  return { heraldPerCpuSecond: h.perCpuSecond, barePerCpuSecond: b.perCpuSecond, heraldBytes: h.bytes, bareBytes: b.bytes };
}
