/** How many published ids each generation holds; two generations are kept. */
const GENERATION_SIZE = 50_000;

/**
 * What this process knows about publications it took along in another job's batch: which are in
 * flight (and how that ends) and which it published itself. Their own jobs then finish without a
 * round trip to PostgreSQL. Only this process's own commits are remembered, so trusting the ledger
 * is trusting PostgreSQL; a forgotten id simply costs its job one claim statement.
 */
export class BatchLedger {
  private readonly inFlight = new Map<string, Promise<boolean>>();
  private current = new Set<string>();
  private previous = new Set<string>();

  /** True when this process committed the publication as published. */
  published(id: string): boolean {
    return this.current.has(id) || this.previous.has(id);
  }

  /** The batch that holds the publication now: resolves true if it got published. */
  pending(id: string): Promise<boolean> | undefined {
    return this.inFlight.get(id);
  }

  /** Tracks `ids` until `outcome` settles with the ids that got published. */
  track(ids: readonly string[], outcome: Promise<ReadonlySet<string>>): void {
    const settled = outcome.catch(() => new Set<string>());
    for (const id of ids) this.inFlight.set(id, settled.then((published) => published.has(id)));
    void settled.then((published) => {
      for (const id of ids) this.inFlight.delete(id);
      for (const id of published) this.remember(id);
    });
  }

  private remember(id: string): void {
    if (this.current.size >= GENERATION_SIZE) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(id);
  }
}
