import { join } from 'node:path';
import { PermanentChannelError } from '../types.ts';

/** Ids and dates become path segments: anything but plain names could climb out of the drop folder. */
const SAFE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function segment(value: string, what: string): string {
  if (!SAFE.test(value)) throw new PermanentChannelError(`${what} "${value}" cannot be a file or folder name`, { [what]: value });
  return value;
}

/** Temp names start with a dot and end in `.part`: papers' pick-up scripts skip both, and a crash leftover is recognisable. */
export function tempName(name: string): string {
  return `.${name}.part`;
}

/** `<tenant>/<paper>/<issueDate>`: one folder per issue, relative to the drop's root. */
export function issueFolder(tenantSlug: string, paperId: string, issueDate: string): string {
  if (!DATE.test(issueDate)) throw new PermanentChannelError(`issue date "${issueDate}" is not YYYY-MM-DD`, { issueDate });
  return join(segment(tenantSlug, 'tenant'), segment(paperId, 'newspaper'), issueDate);
}

export const adPdfName = (noticeId: string): string => `${segment(noticeId, 'notice')}.pdf`;
export const adTextName = (noticeId: string): string => `${segment(noticeId, 'notice')}.txt`;
export const withdrawalName = (noticeId: string): string => `${segment(noticeId, 'notice')}.WITHDRAWN.txt`;
export const manifestJsonName = (batchId: string): string => `manifest-${segment(batchId, 'batch')}.json`;
export const manifestTextName = (batchId: string): string => `manifest-${segment(batchId, 'batch')}.txt`;
export const MANIFEST_PATTERN = /^manifest-[A-Za-z0-9_-]+\.json$/;
