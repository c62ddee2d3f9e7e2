import { setTimeout as sleep } from 'node:timers/promises';

/** One HTTP answer the soak got from Herald (or the lack of one). */
export interface Answer {
  method: string;
  path: string;
  /** 0: no answer (connection refused or reset, timeout). */
  status: number;
  retryAfter: string | null;
  at: number;
  ms: number;
  body: unknown;
}

/**
 * Herald's API as a careful client uses it: round-robin over the API processes (as a load balancer
 * would), an Idempotency-Key on every POST of a notice, and a retry of whatever got no definite
 * answer (a 5xx, or no answer at all) until it gets one. Every answer is kept for the report.
 */
export class SoakClient {
  readonly answers: Answer[] = [];
  private next = 0;

  constructor(private readonly apis: readonly string[]) {}

  async once(method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const base = this.apis[this.next++ % this.apis.length] ?? '';
    const started = performance.now();
    const at = Date.now();
    let answer: Answer;
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      answer = { method, path, status: res.status, retryAfter: res.headers.get('retry-after'), at, ms: performance.now() - started, body: parsed };
    } catch (error) {
      answer = { method, path, status: 0, retryAfter: null, at, ms: performance.now() - started, body: String(error) };
    }
    this.answers.push(answer);
    return answer;
  }

  /** Retries (at most every 500 ms) until the answer is definite (below 500), or `giveUpMs` passed. */
  async definite(method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}, giveUpMs = 120_000): Promise<Answer> {
    const deadline = Date.now() + giveUpMs;
    for (;;) {
      const answer = await this.once(method, path, key, body, headers);
      if ((answer.status > 0 && answer.status < 500) || Date.now() > deadline) return answer;
      const wait = answer.retryAfter ? Math.min(Number(answer.retryAfter) * 1000, 500) : 500;
      await sleep(Number.isFinite(wait) ? wait : 500);
    }
  }
}
