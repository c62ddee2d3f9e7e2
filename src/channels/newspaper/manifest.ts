import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Batch } from './batch.ts';
import { adPdfName, adTextName } from './paths.ts';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The machine-readable manifest of a delivery; the paper's systems and the archive read this. */
export function manifestJson(batch: Batch): Buffer {
  const manifest = {
    format: 'herald-newspaper-batch/1',
    batchId: batch.id,
    createdAt: batch.createdAt.toISOString(),
    municipality: { name: batch.tenant.name, organisationNumber: batch.tenant.organisationNumber },
    newspaper: { id: batch.paper.id, name: batch.paper.name },
    orderReference: batch.paper.orderReference ?? null,
    issueDate: batch.issueDate,
    adFormat: { columnWidthMm: batch.paper.ad.columnWidthMm, columns: batch.paper.ad.columns, maxHeightMm: batch.paper.ad.maxHeightMm },
    ads: batch.ads.map((ad) => ({
      noticeId: ad.noticeId,
      noticeVersion: ad.noticeVersion,
      publicationId: ad.publicationId,
      type: ad.type,
      title: ad.title,
      columns: batch.paper.ad.columns,
      widthMm: ad.widthMm,
      heightMm: ad.heightMm,
      pdf: { file: adPdfName(ad.noticeId), bytes: ad.pdf.length, sha256: sha256(ad.pdf) },
      text: { file: adTextName(ad.noticeId), bytes: ad.text.length, sha256: sha256(ad.text) },
    })),
  };
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** The same manifest for a person at the paper's ad desk, in Norwegian. */
export function manifestSummary(batch: Batch): Buffer {
  const zone = batch.tenant.timeZone;
  const issue = DateTime.fromISO(batch.issueDate, { zone }).setLocale('nb').toLocaleString({ dateStyle: 'full' });
  const lines = [
    `Annonser fra ${batch.tenant.name} (org.nr. ${batch.tenant.organisationNumber})`,
    `Avis: ${batch.paper.name}`,
    `Utgave: ${issue} (${batch.issueDate})`,
    `Bestillingsreferanse: ${batch.paper.orderReference ?? '(ingen)'}`,
    `Levering: ${batch.id}, satt sammen ${DateTime.fromJSDate(batch.createdAt, { zone }).toFormat('yyyy-MM-dd HH:mm')}`,
    `Antall annonser: ${batch.ads.length}`,
    '',
    ...batch.ads.flatMap((ad, i) => [
      `${i + 1}. ${ad.title}`,
      `   Kunngjøring: ${ad.noticeId} (versjon ${ad.noticeVersion})`,
      `   Størrelse: ${batch.paper.ad.columns} spalter, ${ad.widthMm} × ${ad.heightMm} mm`,
      `   Filer: ${adPdfName(ad.noticeId)} (PDF/A), ${adTextName(ad.noticeId)} (ren tekst)`,
      '',
    ]),
  ];
  return Buffer.from(lines.join('\n'), 'utf8');
}
