import type { PublicationTask } from '../../../src/channels/types.ts';
import type { NoticeInput } from '../../../src/notices/types.ts';
import { loadPublication } from '../../../src/store/publications.ts';
import type { TestApp } from '../../helpers/app.ts';
import { shippedDirectory } from '../../helpers/app.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

const DATE = /^\d{4}-\d{2}-\d{2}/;
const URL_LIKE = /^https?:/;

/** Every string leaf of the notice that hostile text may go into, as path segments (dates left alone: they are not text). */
function textLeaves(value: Json, at: string[] = []): string[][] {
  if (typeof value === 'string') return DATE.test(value) || at[0] === 'type' || at[0] === 'language' || at[0] === 'channels' ? [] : [at];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => textLeaves(v, [...at, k]));
}

function parentOf(root: Json, path: readonly string[]): Container | undefined {
  let node: Json = root;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, Json>)[segment] ?? null;
  }
  return node !== null && typeof node === 'object' ? node : undefined;
}

function valueAt(root: Json, path: readonly string[]): Json | undefined {
  const last = path.at(-1);
  const parent = parentOf(root, path);
  return last === undefined ? root : parent === undefined ? undefined : (parent as Record<string, Json>)[last];
}

function setAt(root: Json, path: readonly string[], value: Json | undefined): void {
  const last = path.at(-1);
  const parent = parentOf(root, path) as Record<string, Json> | undefined;
  if (last === undefined || parent === undefined) return;
  if (value === undefined) Reflect.deleteProperty(parent, last);
  else parent[last] = value;
}

const segmentsOf = (pointer: string): string[] => pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/**
 * The notice with hostile text everywhere text goes: the title replaced, the body given paragraphs of
 * it, every other text field appended to (links replaced, to try `javascript:` and `data:` URLs).
 */
export function plant(base: NoticeInput, hostile: readonly string[]): NoticeInput {
  const notice = structuredClone(base) as unknown as Json & Record<string, Json>;
  const pick = (i: number): string => hostile[i % hostile.length] ?? '';
  textLeaves(notice).forEach((path, i) => {
    const old = valueAt(notice, path) as string;
    const text = pick(i);
    if (path.length === 1 && path[0] === 'title') setAt(notice, path, text);
    else if (path.length === 1 && path[0] === 'body') setAt(notice, path, `${old}\n\n${hostile.join('\n\n')}`);
    else setAt(notice, path, URL_LIKE.test(old) ? text : `${old} ${text}`);
  });
  return notice as unknown as NoticeInput;
}

export interface Accepted {
  id: string;
  /** What was finally accepted: the planted notice with the refused places put back as they were. */
  content: NoticeInput;
  /** The JSON pointers the rules refused hostile text in (and so got their original text back). */
  restored: string[];
}

/**
 * Submits the planted notice through the real API; where the rules refuse a value (a link that is not
 * http(s), a title over its length), that value is put back as it was in `base` and the notice sent
 * again. Null when it cannot be made acceptable that way.
 */
export async function submitPlanted(t: TestApp, key: string, base: NoticeInput, planted: NoticeInput): Promise<Accepted | null> {
  const notice = structuredClone(planted) as unknown as Json;
  const original = base as unknown as Json;
  const restored: string[] = [];
  const texts = ['/title', ...textLeaves(original).map((p) => `/${p.join('/')}`)];
  for (let attempt = 0; attempt < 8; attempt++) {
    const res = await t.app.inject({ method: 'POST', url: '/v1/notices', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(notice) });
    if (res.statusCode === 201) return { id: res.json<{ id: string }>().id, content: notice as unknown as NoticeInput, restored };
    if (res.statusCode >= 500) throw new Error(`submit answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    const errors = res.json<{ errors?: { path?: string }[] }>().errors ?? [];
    let paths = errors.map((e) => e.path ?? '').filter((p) => p !== '' && !restored.includes(p));
    // A refusal of the whole (the ad too tall for the paper even with the body put back): the title next, then each other text.
    if (paths.length === 0) paths = texts.filter((p) => !restored.includes(p)).slice(0, 1);
    if (paths.length === 0) return null;
    for (const pointer of paths) {
      const path = segmentsOf(pointer);
      setAt(notice, path, structuredClone(valueAt(original, path)));
      restored.push(pointer);
    }
  }
  return null;
}

/** Each publication of the notice as a worker receives it: loaded by the workers' own query, with the tenant's configuration. */
export async function tasksOf(t: TestApp, noticeId: string): Promise<PublicationTask[]> {
  const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM publications WHERE notice_id = $1 ORDER BY channel, target', [noticeId]);
  const tasks: PublicationTask[] = [];
  for (const { id } of rows) {
    const loaded = await loadPublication(t.db.pool, id);
    const tenant = loaded && shippedDirectory().get(loaded.tenantSlug)?.tenant;
    if (!loaded || !tenant) throw new Error(`publication ${id} could not be loaded`);
    tasks.push({
      publicationId: loaded.id,
      channel: loaded.channel,
      target: loaded.target,
      tenant,
      notice: loaded.notice,
      scheduledAt: loaded.scheduledAt,
      appearsAt: loaded.appearsAt,
      issueDate: loaded.issueDate,
      attempt: 1,
      attemptStartedAt: loaded.scheduledAt,
    });
  }
  return tasks;
}
