import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

export interface ThrottleLimits {
  /** Failed sign-ins allowed per login e-mail (known or not) in one window. */
  perAccount: number;
  /** Failed sign-ins allowed per client address in one window. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 };

/**
 * Counts failed sign-ins in Redis (fixed windows, shared by every API process). Counting by the
 * e-mail typed, whether an account has it or not, keeps the answers the same for both: the limit
 * tells nobody which accounts exist. The e-mail is hashed so no address sits in Redis.
 */
export class SignInThrottle {
  constructor(
    private readonly redis: Redis | Cluster,
    /** Carries a hash tag (`{herald}`): both keys of a MULTI then live in one Redis Cluster slot. */
    private readonly keyPrefix: string,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  #keys(email: string, address: string): [string, string] {
    const account = createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
    return [`${this.keyPrefix}:signin:account:${account}`, `${this.keyPrefix}:signin:address:${address}`];
  }

  /** Milliseconds until another try is allowed, or 0 when it is allowed now. */
  async waitMs(email: string, address: string): Promise<number> {
    const [account, addr] = this.#keys(email, address);
    const replies = await this.redis.multi().get(account).get(addr).pttl(account).pttl(addr).exec();
    const value = (i: number): number => Number(replies?.[i]?.[1] ?? 0);
    let wait = 0;
    if (value(0) >= this.limits.perAccount) wait = Math.max(wait, value(2));
    if (value(1) >= this.limits.perAddress) wait = Math.max(wait, value(3));
    return wait;
  }

  async failed(email: string, address: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of this.#keys(email, address)) multi.set(key, 0, 'PX', this.limits.windowMs, 'NX').incr(key);
    await multi.exec();
  }

  /** A good password clears the account's count (not the address's: one office shares an address). */
  async succeeded(email: string, address: string): Promise<void> {
    await this.redis.del(this.#keys(email, address)[0]);
  }
}
