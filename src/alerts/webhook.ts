import { createHmac } from 'node:crypto';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes (the website's CMS webhook signs the same way). */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** The webhook refused for good: another attempt would be answered the same. */
export class WebhookRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRefused';
  }
}

/**
 * POSTs an alert message as JSON with `{ ...payload, sentAt }`, signed in `X-Herald-Signature`,
 * stamped with `X-Herald-Timestamp` (Unix seconds, the same instant as `sentAt`, so a receiver can
 * refuse replays) and `X-Herald-Delivery` (the same on every retry of one delivery, so a receiver can
 * drop duplicates). Redirects are not followed. Throws WebhookRefused on a 3xx or 4xx other than
 * 408/429, an ordinary Error (retried) on 5xx, 408, 429, a network failure or the timeout.
 */
export async function postWebhook(input: { url: string; secret: string; deliveryId: string; event: string; payload: object; now: Date; timeoutMs: number }): Promise<number> {
  const body = JSON.stringify({ ...input.payload, sentAt: input.now.toISOString() });
  let response: Response;
  try {
    response = await fetch(input.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-herald-signature': signWebhookBody(body, input.secret),
        'x-herald-timestamp': String(Math.floor(input.now.getTime() / 1000)),
        'x-herald-delivery': input.deliveryId,
        'x-herald-event': input.event,
      },
      body,
    });
  } catch (error) {
    throw new Error(`alert webhook ${input.url} unreachable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const text = (await response.text().catch(() => '')).slice(0, 300);
  if (response.ok) return response.status;
  const message = `alert webhook ${input.url} answered ${response.status}${text ? `: ${text}` : ''}`;
  if (response.status >= 300 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new WebhookRefused(message);
  throw new Error(message);
}
