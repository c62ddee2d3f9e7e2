import type pg from 'pg';
import { canonicalBytes, chainHash, GENESIS_HASH, sha256 } from '../../src/archive/canonical.ts';

/** One record of the benchmark's archive: the mix a municipality's channels produce. */
export interface BenchRecord {
  noticeId: string | null;
  noticeVersion: number | null;
  publicationId: string | null;
  channel: 'website' | 'facebook' | 'newspaper';
  event: 'published' | 'delivered';
  content: Buffer;
  contentType: string;
  receipt: Record<string, unknown>;
  recordedAt: Date;
}

const PARAGRAPH =
  'På grunn av arbeid på hovedvannledningen i Storgata blir vannet stengt for husstander og bedrifter i Flisa sentrum fra kl. 22.00 tirsdag til kl. 06.00 onsdag. Vi anbefaler å tappe opp vann til drikke og matlaging før stengingen.';

/** A website page of about 1.7 kB, as the website channel writes them. */
export function pageOf(i: number, title: string): Buffer {
  return Buffer.from(
    `<!DOCTYPE html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n<title>${title} – Åsnes kommune</title>\n</head>\n<body>\n<header><p>Åsnes kommune</p><nav><a href="../index.html">Alle kunngjøringer</a></nav></header>\n<main>\n<article>\n<h1>${title}</h1>\n<p>Publisert ${i}</p>\n<p>${PARAGRAPH}</p>\n<p>${PARAGRAPH}</p>\n<h2>Viktige opplysninger</h2>\n<dl><dt>Gjelder til</dt><dd>tirsdag 12. mars 2030</dd><dt>Kontakt</dt><dd>Kommunalteknikk, 62 95 40 00</dd></dl>\n</article>\n</main>\n</body>\n</html>\n`,
  );
}

/** A Facebook post request of about 0.8 kB. */
export function postOf(i: number, title: string): Buffer {
  return Buffer.from(JSON.stringify({ message: `${title}\n\n${PARAGRAPH}\n\nNr. ${i}`, link: `https://www.asnes.kommune.no/kunngjoringer/${i}` }));
}

const ROW_COLUMNS = 16;

/**
 * Inserts records already in the chain (seq, prev_hash, hash computed here, as the sealer would):
 * the benchmark's setup, not what it measures. Returns the head hash to continue from.
 */
export async function insertSealed(pool: pg.Pool, tenantId: string, records: readonly BenchRecord[], from: { seq: number; hash: Buffer }): Promise<{ seq: number; hash: Buffer }> {
  let { seq, hash } = from;
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const r of records) {
    seq += 1;
    const contentSha256 = sha256(r.content);
    const next = chainHash(
      hash,
      canonicalBytes({
        seq,
        tenantId,
        noticeId: r.noticeId,
        noticeVersion: r.noticeVersion,
        publicationId: r.publicationId,
        channel: r.channel,
        event: r.event,
        contentType: r.contentType,
        contentSha256,
        ruleVersion: 'bench',
        receipt: r.receipt,
        recordedAt: r.recordedAt,
      }),
    );
    const at = rows.length * ROW_COLUMNS;
    rows.push(`(${Array.from({ length: ROW_COLUMNS }, (_, j) => `$${at + j + 1}`).join(', ')})`);
    values.push(tenantId, r.noticeId, r.noticeVersion, r.publicationId, r.channel, r.event, r.content, r.contentType, contentSha256, 'bench', JSON.stringify(r.receipt), r.recordedAt, seq, hash, next, r.recordedAt);
    hash = next;
  }
  await pool.query(
    `INSERT INTO archive_records (tenant_id, notice_id, notice_version, publication_id, channel, event, content, content_type, content_sha256,
       rule_version, receipt, recorded_at, seq, prev_hash, hash, sealed_at) VALUES ${rows.join(', ')}`,
    values,
  );
  return { seq, hash };
}

export const GENESIS: { seq: number; hash: Buffer } = { seq: 0, hash: GENESIS_HASH };
