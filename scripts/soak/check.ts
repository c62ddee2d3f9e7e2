import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { verifyChain } from '../../src/archive/index.ts';
import type { FakeGraph } from '../../test/fakes/graph-api/server.ts';
import type { Submitted } from './intake.ts';

/** What the check found: every count is of publications unless it says otherwise. */
export interface Verdict {
  publications: number;
  /** Planned and not out (or not withdrawn where the driver withdrew it), or failed. */
  lost: string[];
  /** Out more than once: two posts, two manifests, two archive records of one event. */
  duplicated: string[];
  /** Other problems: a chain that does not verify, unsealed records, a plan left unapproved. */
  problems: string[];
  byState: Record<string, number>;
  /** Booked for later than the run (an issue whose deadline passed while the notice was on its way): not counted as lost. */
  notDue: string[];
  posts: number;
  batches: number;
  archiveRecords: number;
}

interface Row {
  id: string;
  notice_id: string;
  channel: string;
  state: string;
  scheduled_at: Date;
  last_error: unknown;
}

const OUT: Record<string, readonly string[]> = { website: ['published'], facebook: ['published'], newspaper: ['delivered', 'published'] };
const OUT_EVENT: Record<string, string> = { website: 'published', facebook: 'published', newspaper: 'delivered' };

/** Every `manifest-*.json` under `root`, recursively. */
function manifests(root: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return manifests(path);
    return /^manifest-.*\.json$/.test(name) ? [path] : [];
  });
}

/** Publications whose work is not finished yet: the system has not settled. */
export async function unsettled(pool: pg.Pool, noticeIds: readonly string[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT (SELECT count(*)::int FROM publications WHERE notice_id = ANY($1) AND (state IN ('pending', 'publishing') OR (state = 'scheduled' AND scheduled_at <= now())))
          + (SELECT count(*)::int FROM archive_records WHERE seq IS NULL) AS n`,
    [noticeIds],
  );
  return rows[0]?.n ?? 0;
}

/** Compares what Herald did with the driver's ground truth. */
export async function check(opts: { pool: pg.Pool; accepted: readonly Submitted[]; graph: FakeGraph; pageIds: readonly string[]; manifestRoots: readonly string[] }): Promise<Verdict> {
  const { pool, accepted } = opts;
  const verdict: Verdict = { publications: 0, lost: [], duplicated: [], problems: [], byState: {}, notDue: [], posts: 0, batches: 0, archiveRecords: 0 };
  const ids = accepted.map((s) => s.id);
  const { rows } = await pool.query<Row>('SELECT id, notice_id, channel, state, scheduled_at, last_error FROM publications WHERE notice_id = ANY($1)', [ids]);
  const byNotice = new Map<string, Row[]>();
  for (const row of rows) byNotice.set(row.notice_id, [...(byNotice.get(row.notice_id) ?? []), row]);

  // Facebook: posts on the fake Pages (deleted ones too), by the notice they link to.
  const posts = opts.pageIds.flatMap((page) => opts.graph.posts(page));
  verdict.posts = posts.length;
  const postsOf = (noticeId: string) => posts.filter((p) => p.message.includes(noticeId) || (p.link ?? '').includes(noticeId));

  // Newspaper: how many delivered manifests list each publication.
  const inManifests = new Map<string, number>();
  for (const root of opts.manifestRoots) {
    for (const file of manifests(root)) {
      verdict.batches += 1;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { ads: { publicationId: string }[] };
      for (const ad of manifest.ads) inManifests.set(ad.publicationId, (inManifests.get(ad.publicationId) ?? 0) + 1);
    }
  }

  // Archive: records per publication and event.
  const { rows: records } = await pool.query<{ publication_id: string; event: string; n: number }>(
    'SELECT publication_id, event, count(*)::int AS n FROM archive_records WHERE publication_id IS NOT NULL GROUP BY publication_id, event',
  );
  const recordsOf = new Map(records.map((r) => [`${r.publication_id}|${r.event}`, r.n]));
  // A batch adopted from an earlier attempt is archived by its manifest record, which lists its publications.
  const { rows: batchRecords } = await pool.query<{ batch: string; publications: string[] }>(
    `SELECT receipt->>'batchId' AS batch, ARRAY(SELECT jsonb_array_elements_text(receipt->'publications')) AS publications
       FROM archive_records WHERE publication_id IS NULL AND event = 'delivered' AND receipt->>'kind' = 'newspaper-batch'`,
  );
  const inBatchRecord = new Set(batchRecords.flatMap((b) => b.publications));
  const batchIds = batchRecords.map((b) => b.batch);
  for (const id of new Set(batchIds)) if (batchIds.filter((b) => b === id).length > 1) verdict.duplicated.push(`archive: batch ${id} recorded more than once`);
  // Going out is recorded once; a take-down may be recorded twice (one that found nothing yet, then
  // the one after a late answer made the post: src/store/late-delivery.ts).
  for (const r of records) if (r.n > 1 && r.event !== 'withdrawn') verdict.duplicated.push(`archive: ${r.n} "${r.event}" records for publication ${r.publication_id}`);

  for (const s of accepted) {
    const publications = byNotice.get(s.id) ?? [];
    if (publications.length !== s.publicationIds.length) verdict.problems.push(`notice ${s.id}: ${publications.length} publications in the database, ${s.publicationIds.length} planned`);
    if (!s.approved) verdict.problems.push(`notice ${s.id} (${s.type}) was never approved`);
    const allWithdrawn = publications.every((p) => p.state === 'withdrawn');
    // An answer lost on the way may have withdrawn it: either outcome is right then, but all or nothing.
    const expectWithdrawn = s.withdrawn || (s.withdrawAsked && allWithdrawn);
    for (const p of publications) {
      verdict.publications += 1;
      verdict.byState[p.state] = (verdict.byState[p.state] ?? 0) + 1;
      const what = `${s.tenant} ${s.type} ${s.id} ${p.channel} (${p.id})`;
      const out = (OUT[p.channel] ?? []).includes(p.state);
      if (p.state === 'scheduled' && p.scheduled_at.getTime() > Date.now()) {
        verdict.notDue.push(`${what}: scheduled for ${p.scheduled_at.toISOString()}`);
        continue;
      }
      if (expectWithdrawn ? p.state !== 'withdrawn' : !out) {
        verdict.lost.push(`${what}: ${p.state}${expectWithdrawn ? ', withdrawal asked' : ''}${p.last_error ? ` (${JSON.stringify(p.last_error).slice(0, 200)})` : ''}`);
      }
      const outRecords = recordsOf.get(`${p.id}|${OUT_EVENT[p.channel] ?? ''}`) ?? 0;
      if (out && outRecords === 0 && !(p.channel === 'newspaper' && inBatchRecord.has(p.id))) verdict.lost.push(`${what}: out, but no "${OUT_EVENT[p.channel] ?? ''}" archive record`);
      if (p.channel === 'facebook') {
        const mine = postsOf(s.id);
        if (mine.length > 1) verdict.duplicated.push(`${what}: ${mine.length} posts on the Page`);
        if (out && mine.length === 0) verdict.lost.push(`${what}: published, but no post on the Page`);
        if (p.state === 'withdrawn' && mine.some((m) => !m.deleted)) verdict.lost.push(`${what}: withdrawn, but its post is still up`);
      }
      if (p.channel === 'newspaper') {
        const delivered = inManifests.get(p.id) ?? 0;
        if (delivered > 1) verdict.duplicated.push(`${what}: in ${delivered} delivered manifests`);
        if (out && delivered === 0) verdict.lost.push(`${what}: delivered, but in no manifest at the paper`);
      }
    }
  }

  const { rows: tenants } = await pool.query<{ id: string; slug: string }>('SELECT id, slug FROM tenants ORDER BY slug');
  for (const tenant of tenants) {
    const result = await verifyChain(pool, tenant.id);
    verdict.archiveRecords += result.checked;
    if (!result.ok) verdict.problems.push(`archive chain of ${tenant.slug} does not verify: seq ${String(result.firstBadSeq)}: ${String(result.reason)}`);
  }
  const { rows: unsealed } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_records WHERE seq IS NULL');
  if ((unsealed[0]?.n ?? 0) > 0) verdict.problems.push(`${String(unsealed[0]?.n)} archive records are not sealed`);
  return verdict;
}
