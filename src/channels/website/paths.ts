import { join } from 'node:path';
import type { Tenant } from '../../config/tenant-types.ts';
import { PermanentChannelError } from '../types.ts';

/** Notice ids are UUIDs; anything else could climb out of the web root through the file name. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function noticeFileName(noticeId: string): string {
  if (!SAFE_ID.test(noticeId)) throw new PermanentChannelError(`notice id "${noticeId}" cannot be a file name`, { noticeId });
  return `${noticeId}.html`;
}

/** The folder served as `/public/<slug>/`. */
export function tenantDir(webRoot: string, tenant: Tenant): string {
  return join(webRoot, tenant.slug);
}

export function noticeFile(webRoot: string, tenant: Tenant, noticeId: string): string {
  return join(tenantDir(webRoot, tenant), 'notices', noticeFileName(noticeId));
}

/**
 * Where the tenant's files are public, ending in `/`: the tenant's `channels.website.baseUrl`, or
 * `<publicBaseUrl><slug>/` when the deployment serves every tenant under one root of its own.
 */
export function tenantBaseUrl(tenant: Tenant, publicBaseUrl?: string): string {
  const base = publicBaseUrl === undefined ? tenant.channels.website.baseUrl : new URL(`${tenant.slug}/`, withSlash(publicBaseUrl)).href;
  return withSlash(base);
}

export function noticeUrl(tenant: Tenant, noticeId: string, publicBaseUrl?: string): string {
  return new URL(`notices/${noticeFileName(noticeId)}`, tenantBaseUrl(tenant, publicBaseUrl)).href;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
