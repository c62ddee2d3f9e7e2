import { createHash } from 'node:crypto';
import type { Newspaper } from '../../config/tenant-types.ts';
import type { Clock } from '../../time/clock.ts';
import { PermanentChannelError, type Artifact, type ChannelAdapter, type PublicationTask, type Receipt } from '../types.ts';
import { adContent, issueDateOf, paperOf } from './ad-content.ts';
import { AdDoesNotFit, renderAdPdf } from './ad-pdf.ts';
import { batchOf, type Batch } from './batch.ts';
import { directoryDrop } from './directory-drop.ts';
import type { Drop } from './drop.ts';
import { manifestJson, manifestSummary } from './manifest.ts';
import { adPdfName, adTextName, issueFolder, MANIFEST_PATTERN, manifestJsonName, manifestTextName, withdrawalName } from './paths.ts';
import { sftpDrop, type SftpOptions } from './sftp-drop.ts';
import { withdrawalNote } from './withdrawal-note.ts';

const PDF = 'application/pdf';

export interface NewspaperChannelOptions {
  /** Where `directory` deliveries go: `<HERALD_DATA_DIR>/newspapers`; each issue in `<tenant>/<paper>/<issueDate>/`. */
  directoryRoot: string;
  clock: Clock;
  sftp?: SftpOptions;
}

/** A delivered batch: the receipt every publication in it gets, and the manifest that was sent. */
export interface DeliveredBatch {
  receipt: Receipt;
  manifest: Buffer;
}

/** The newspaper adapter: the per-publication contract, plus whole-issue batches for the batch publisher. */
export interface NewspaperChannel extends ChannelAdapter {
  /** Hands every ad of the batch to the paper, then its manifest (JSON and a summary), each atomically. */
  deliverBatch(batch: Batch): Promise<DeliveredBatch>;
  /** An earlier attempt's batch, if its manifest reached the paper (so it is not sent twice). */
  findBatch(task: PublicationTask, batchId: string): Promise<DeliveredBatch | null>;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

interface ManifestAd {
  publicationId: string;
  pdf: { sha256: string };
}

function listsAd(manifest: Buffer, publicationId: string, pdfSha256: string): boolean {
  try {
    const parsed = JSON.parse(manifest.toString('utf8')) as { ads?: ManifestAd[] };
    return (parsed.ads ?? []).some((ad) => ad.publicationId === publicationId && ad.pdf.sha256 === pdfSha256);
  } catch {
    return false;
  }
}

/**
 * The newspaper channel: a print-ready PDF/A ad per notice in the paper's column width, delivered
 * with its plain-text twin and a manifest into the issue's folder at the paper (a local folder by
 * default, or the paper's SFTP server). Nothing is public until the paper prints it, so a delivery
 * leaves the publication `delivered`; the paper's proof makes it `published` (the confirm route).
 */
export function createNewspaperChannel(options: NewspaperChannelOptions): NewspaperChannel {
  const { clock } = options;
  const dropFor = (paper: Newspaper): Drop =>
    paper.delivery.kind === 'sftp' ? sftpDrop(paper.delivery, options.sftp) : directoryDrop(options.directoryRoot);
  const folderOf = (task: PublicationTask): string => issueFolder(task.tenant.slug, paperOf(task).id, issueDateOf(task));

  function receiptFor(batch: Batch, drop: Drop, manifest: Buffer, at: Date, adopted: boolean): Receipt {
    const folder = issueFolder(batch.tenant.slug, batch.paper.id, batch.issueDate);
    return {
      externalId: `${folder}/${manifestJsonName(batch.id)}`,
      url: null,
      at,
      details: {
        batchId: batch.id,
        newspaper: batch.paper.id,
        issueDate: batch.issueDate,
        location: drop.location,
        manifestSha256: sha256(manifest),
        ads: batch.ads.length,
        ...(adopted ? { adopted: true } : {}),
      },
    };
  }

  const channel: NewspaperChannel = {
    name: 'newspaper',

    async render(task) {
      try {
        const { bytes } = await renderAdPdf(adContent(task), task.scheduledAt);
        return { bytes, contentType: PDF };
      } catch (error) {
        // Intake measures the ad too; this catches a format changed in the configuration since.
        if (error instanceof AdDoesNotFit) throw new PermanentChannelError(error.message, { neededMm: error.neededMm, maxHeightMm: error.maxHeightMm });
        throw error;
      }
    },

    async deliverBatch(batch) {
      const drop = dropFor(batch.paper);
      const folder = issueFolder(batch.tenant.slug, batch.paper.id, batch.issueDate);
      const manifest = manifestJson(batch);
      await drop.put(folder, [
        ...batch.ads.flatMap((ad) => [
          { name: adPdfName(ad.noticeId), bytes: ad.pdf },
          { name: adTextName(ad.noticeId), bytes: ad.text },
        ]),
        { name: manifestTextName(batch.id), bytes: manifestSummary(batch) },
        // Last: a manifest at the paper means every file it lists is there, complete.
        { name: manifestJsonName(batch.id), bytes: manifest },
      ]);
      return { receipt: receiptFor(batch, drop, manifest, clock(), false), manifest };
    },

    async findBatch(task, batchId) {
      const paper = paperOf(task);
      const drop = dropFor(paper);
      const manifest = await drop.read(folderOf(task), manifestJsonName(batchId));
      if (!manifest) return null;
      const parsed = JSON.parse(manifest.toString('utf8')) as { ads?: unknown[] };
      const batch: Batch = { id: batchId, tenant: task.tenant, paper, issueDate: issueDateOf(task), createdAt: clock(), ads: [] };
      const receipt = receiptFor(batch, drop, manifest, clock(), true);
      return { receipt: { ...receipt, details: { ...receipt.details, ads: parsed.ads?.length ?? 0 } }, manifest };
    },

    async deliver(task, artifact) {
      // Outside the batch publisher (one publication on its own): a batch of one, named after it.
      return (await channel.deliverBatch(batchOf(task.publicationId, task.scheduledAt, [{ task, artifact }]))).receipt;
    },

    async findExisting(task: PublicationTask, artifact: Artifact) {
      const drop = dropFor(paperOf(task));
      const folder = folderOf(task);
      const pdfSha = sha256(artifact.bytes);
      for (const name of (await drop.list(folder)).filter((n) => MANIFEST_PATTERN.test(n)).sort()) {
        const manifest = await drop.read(folder, name);
        if (manifest && listsAd(manifest, task.publicationId, pdfSha)) {
          return { externalId: `${folder}/${name}`, url: null, at: clock(), details: { issueDate: task.issueDate, location: drop.location, manifestSha256: sha256(manifest), adopted: true } };
        }
      }
      return null;
    },

    async withdraw(task) {
      // Print cannot be taken down: the paper is asked to pull the ad, or, once printed, the
      // municipality must have a correction printed. The note says which, and is archived.
      const now = clock();
      const note = withdrawalNote(task, now);
      const drop = dropFor(paperOf(task));
      await drop.put(folderOf(task), [{ name: withdrawalName(task.notice.id), bytes: note.bytes }]);
      return {
        externalId: `${folderOf(task)}/${withdrawalName(task.notice.id)}`,
        url: null,
        at: now,
        details: { action: note.action, issueDate: task.issueDate, location: drop.location, contentType: 'text/plain; charset=utf-8', text: note.bytes.toString('utf8') },
      };
    },
  };
  return channel;
}
