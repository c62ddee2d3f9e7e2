import type { Principal } from './principal.ts';

/**
 * Principals by key hash (hex), so most requests skip the key lookup. Only used while the API is
 * LISTENing for revocations (`herald_keys`): a revoked key is evicted the moment the revoking
 * transaction commits, in every API process. The TTL bounds how long a key can outlive its user's
 * role change.
 */
export class KeyCache {
  readonly #entries = new Map<string, { principal: Principal; until: number }>();
  #live = false;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** Whether revocations are being heard; without them the cache answers nothing. */
  set live(value: boolean) {
    this.#live = value;
    if (!value) this.#entries.clear();
  }

  get(hash: string, now = Date.now()): Principal | undefined {
    if (!this.#live) return undefined;
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.principal;
    this.#entries.delete(hash);
    return undefined;
  }

  set(hash: string, principal: Principal, now = Date.now()): void {
    if (!this.#live) return;
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.set(hash, { principal, until: now + this.ttlMs });
  }

  evict(hash: string): void {
    this.#entries.delete(hash);
  }
}
