import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Clock } from '../../time/clock.ts';
import type { Artifact, ChannelAdapter, PublicationTask, Receipt } from '../types.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { pushToCms } from './cms-webhook.ts';
import { renderNoticePage, type PageUrls } from './page.ts';
import { noticeFile, noticeUrl, tenantBaseUrl } from './paths.ts';
import { renderWithdrawnPage } from './withdrawn-page.ts';

const HTML = 'text/html; charset=utf-8';

export interface WebsiteChannelOptions {
  /** The folder served as `/public/`; each tenant writes below `<webRoot>/<slug>/`. */
  webRoot: string;
  /**
   * The public URL of `webRoot` when this deployment serves every tenant itself (e.g.
   * `http://127.0.0.1:3000/public/`). @defaultValue each tenant's `channels.website.baseUrl`
   */
  publicBaseUrl?: string;
  clock: Clock;
  /** How long a CMS webhook may take before the attempt counts as failed (and is retried). @defaultValue 10000 */
  cmsTimeoutMs?: number;
}

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The website channel: one HTML page per notice under `<webRoot>/<slug>/notices/<id>.html`, written
 * atomically and, where the tenant configures one, pushed first to its CMS webhook (so a page on
 * disk means the CMS has it too, and findExisting can trust the file). Index and feeds are rebuilt
 * apart from delivery, by rebuildIndexes.
 */
export function createWebsiteChannel(options: WebsiteChannelOptions): ChannelAdapter {
  const { webRoot, publicBaseUrl, clock } = options;
  const cmsTimeoutMs = options.cmsTimeoutMs ?? 10_000;

  const urls = (task: PublicationTask): PageUrls => ({
    page: noticeUrl(task.tenant, task.notice.id, publicBaseUrl),
    base: tenantBaseUrl(task.tenant, publicBaseUrl),
  });
  const fileOf = (task: PublicationTask): string => noticeFile(webRoot, task.tenant, task.notice.id);

  async function write(task: PublicationTask, event: 'publish' | 'withdraw', page: Buffer): Promise<Receipt> {
    const url = noticeUrl(task.tenant, task.notice.id, publicBaseUrl);
    const cms = task.tenant.channels.website.cmsWebhook;
    const answer = cms && (await pushToCms(cms, { event, publicationId: task.publicationId, notice: task.notice, html: page.toString('utf8'), url }, clock(), cmsTimeoutMs));
    const file = fileOf(task);
    await writeFileAtomic(file, page);
    return {
      externalId: relative(webRoot, file),
      url,
      at: clock(),
      details: { sha256: sha256(page), bytes: page.length, ...(answer && { cmsStatus: answer.status }) },
    };
  }

  return {
    name: 'website',
    // The page is per notice id: a correction's page and the version it replaced share it.
    sharedAddress: true,

    render(task) {
      // Through a promise, so a bad notice rejects rather than throwing at the call.
      return Promise.resolve().then(() => ({ bytes: Buffer.from(renderNoticePage(task.notice, task.tenant, urls(task)), 'utf8'), contentType: HTML }));
    },

    deliver(task, artifact) {
      return write(task, 'publish', artifact.bytes);
    },

    async withdraw(task) {
      const page = Buffer.from(renderWithdrawnPage(task.notice, task.tenant, urls(task), clock()), 'utf8');
      const receipt = await write(task, 'withdraw', page);
      // The withdrawal page is made here, not by render: its bytes go in the receipt for the archive.
      return { ...receipt, details: { ...receipt.details, withdrawn: true, contentType: HTML, html: page.toString('utf8') } };
    },

    async findExisting(task: PublicationTask, artifact: Artifact) {
      const file = fileOf(task);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      if (!bytes.equals(artifact.bytes)) return null;
      const { mtime } = await stat(file);
      return {
        externalId: relative(webRoot, file),
        url: noticeUrl(task.tenant, task.notice.id, publicBaseUrl),
        at: mtime,
        details: { sha256: sha256(bytes), bytes: bytes.length, adopted: true },
      };
    },
  };
}
