/**
 * Switchable faults: each matches requests (by method, edge and Page) and acts on the next `times`
 * of them, in the order they were added.
 * - `error`: Facebook's error answer; nothing is created. `regainMinutes`/`usagePercent` set the
 *   usage headers of that answer (a rate limit says when the Page may go on).
 * - `error-after-create`: the post is created, then an error is answered (500 code 2, koala #699).
 * - `drop`: the connection is closed without an answer, after creating the post when `afterCreate`.
 * - `slow`: the answer comes after `ms` (beyond the client's timeout), after creating when `afterCreate`.
 * - `late-create`: the request is held `ms`, then handled as usual (the post created, the answer
 *   sent): an attempt still in flight, whose post a read-back meanwhile does not find.
 */
export type FaultAction =
  | { kind: 'error'; code: number; subcode?: number; status?: number; message?: string; type?: string; regainMinutes?: number; usagePercent?: number }
  | { kind: 'error-after-create'; code: number; subcode?: number; status?: number; message?: string }
  | { kind: 'drop'; afterCreate: boolean }
  | { kind: 'slow'; ms: number; afterCreate: boolean }
  | { kind: 'late-create'; ms: number };

/** `feed` and `photos` are the POSTs that create a post; `post` is a GET or DELETE of one object. */
export type Edge = 'feed' | 'photos' | 'published_posts' | 'scheduled_posts' | 'comments' | 'post' | 'debug_token' | 'me';

export interface FaultMatch {
  method?: 'GET' | 'POST' | 'DELETE';
  edge?: Edge;
  pageId?: string;
}

export interface Fault {
  match: FaultMatch;
  action: FaultAction;
  /** @defaultValue 1 */
  times?: number;
}

interface Armed {
  match: FaultMatch;
  action: FaultAction;
  left: number;
}

export class Faults {
  private readonly armed: Armed[] = [];

  add(fault: Fault): void {
    this.armed.push({ match: fault.match, action: fault.action, left: fault.times ?? 1 });
  }

  clear(): void {
    this.armed.length = 0;
  }

  /** The first fault matching this request, spent once. */
  take(method: string, edge: Edge, pageId: string | null): FaultAction | null {
    const index = this.armed.findIndex(
      (f) => (f.match.method === undefined || f.match.method === method) && (f.match.edge === undefined || f.match.edge === edge) && (f.match.pageId === undefined || f.match.pageId === pageId),
    );
    const fault = this.armed[index];
    if (!fault) return null;
    fault.left -= 1;
    if (fault.left <= 0) this.armed.splice(index, 1);
    return fault.action;
  }
}
