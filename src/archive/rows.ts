import type { ChainedFields } from './canonical.ts';

/** The columns the chain covers, as the sealer and the verifier both read them. */
export const CHAINED_COLUMNS = `id, tenant_id, notice_id, notice_version, publication_id, channel, event,
  content_type, content_sha256, rule_version, receipt, recorded_at`;

export interface ChainedRow {
  /** bigint: a number under the pool's parser, a string under pg's default one. */
  id: number | string;
  tenant_id: string;
  notice_id: string | null;
  notice_version: number | null;
  publication_id: string | null;
  channel: string | null;
  event: string;
  content_type: string;
  content_sha256: Buffer;
  rule_version: string | null;
  receipt: unknown;
  recorded_at: Date;
}

export function chainedFields(row: ChainedRow, seq: number): ChainedFields {
  return {
    seq,
    tenantId: row.tenant_id,
    noticeId: row.notice_id,
    noticeVersion: row.notice_version,
    publicationId: row.publication_id,
    channel: row.channel,
    event: row.event,
    contentType: row.content_type,
    contentSha256: row.content_sha256,
    ruleVersion: row.rule_version,
    receipt: row.receipt,
    recordedAt: row.recorded_at,
  };
}
