import { createHmac } from 'node:crypto';
import type { CmsWebhookConfig } from '../../config/tenant-types.ts';
import { PermanentChannelError, type NoticeSnapshot } from '../types.ts';

export interface CmsPush {
  event: 'publish' | 'withdraw';
  /** Sent as `X-Herald-Delivery`, so the CMS can recognise a retried push. */
  publicationId: string;
  notice: NoticeSnapshot;
  html: string;
  url: string;
}

/** What the CMS answered, for the receipt. */
export interface CmsAnswer {
  status: number;
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes, keyed with the tenant's secret. */
function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** 408 and 429 ask the caller to come back later; every other 4xx will answer the same again. */
function isPermanent(status: number): boolean {
  return status >= 300 && status < 500 && status !== 408 && status !== 429;
}

/**
 * POSTs `{ event, notice, html, url, sentAt }` as JSON, signed with `X-Herald-Signature` and stamped
 * with `X-Herald-Timestamp` (Unix seconds; `sentAt` in the signed body is the same instant, so a
 * receiver can refuse replays). Redirects are not followed: a moved endpoint is a config fix.
 * Throws PermanentChannelError on a 3xx or 4xx other than 408/429, an ordinary Error (retried by the
 * worker) on 5xx, 408, 429, a network failure or the timeout.
 */
export async function pushToCms(config: CmsWebhookConfig, push: CmsPush, now: Date, timeoutMs: number): Promise<CmsAnswer> {
  const body = JSON.stringify({ event: push.event, notice: push.notice, html: push.html, url: push.url, sentAt: now.toISOString() });
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-herald-signature': signBody(body, config.secret),
        'x-herald-timestamp': String(Math.floor(now.getTime() / 1000)),
        'x-herald-delivery': push.publicationId,
        'x-herald-event': push.event,
      },
      body,
    });
  } catch (error) {
    throw new Error(`CMS webhook ${config.url} unreachable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // Read (a little of) the answer either way, so the connection is released.
  const text = (await response.text().catch(() => '')).slice(0, 500);
  if (response.ok) return { status: response.status };
  const message = `CMS webhook ${config.url} answered ${response.status}`;
  if (isPermanent(response.status)) throw new PermanentChannelError(message, { status: response.status, body: text });
  throw new Error(`${message}: ${text}`);
}
