import type { JobsOptions, Queue } from 'bullmq';

/**
 * Follow-up work asked for by every publication but worth doing once per window (rebuilding a
 * tenant's listings, sealing the archive). The job runs just after the window closes, so it sees
 * everything committed in it; its id names the key and the window, so requests from every process
 * in one window share one job; and this process asks Redis only for the first of them.
 */
export class WindowedJob<Data extends object> {
  /** The due time of the job last asked for, per key. */
  private readonly asked = new Map<string, number>();

  /**
   * @param windowMs how long requests are gathered into one job, fixed or per key (e.g. longer for a
   *   key whose job is costly); windows are aligned to multiples of their length
   * @param jobOptions e.g. how much history to keep @defaultValue none kept on success, 100 failures
   */
  constructor(
    private readonly queue: Queue,
    private readonly name: string,
    private readonly windowMs: number | ((key: string) => number),
    private readonly jobOptions: JobsOptions = { removeOnComplete: true, removeOnFail: 100 },
  ) {}

  /** Asks for the job of `key`'s current window (e.g. one per tenant); `now` is for tests. */
  async request(key: string, data: Data, now = Date.now()): Promise<void> {
    const windowMs = typeof this.windowMs === 'number' ? this.windowMs : this.windowMs(key);
    const window = Math.floor(now / windowMs);
    const due = (window + 1) * windowMs + 100;
    if (this.asked.get(key) === due) return;
    await this.queue.add(this.name, data, { ...this.jobOptions, jobId: `${this.name}-${key}-${windowMs}-${window}`, delay: due - now });
    this.asked.set(key, due);
  }
}
