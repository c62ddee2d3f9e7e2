import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { NotFound, PublicationStateConflict, RoleForbidden } from '../errors.ts';
import { presentNotice } from '../notices/present.ts';
import { confirmNewspaperPublication } from '../store/newspaper-confirmation.ts';
import { findNotice } from '../store/notices.ts';
import { attentionOf } from './attention.ts';
import { invalidRequest, tenantOfRequest } from './notice-context.ts';
import { problemResponses } from './notice-schemas.ts';

/** A tear sheet is a scanned or exported newspaper page: allow a big one, base64 included. */
const CONFIRM_BODY_LIMIT = 16 * 1024 * 1024;
const TEAR_SHEET_MAX_BYTES = 12 * 1024 * 1024;

const params = {
  type: 'object',
  required: ['id', 'channel'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    // Only print needs a proof from outside: the website and Facebook are confirmed by their own answers.
    channel: { const: 'newspaper', description: 'Only newspaper publications are confirmed by hand' },
  },
} as const;

const body = {
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['page'] }, { required: ['tearSheet'] }],
  properties: {
    target: { type: 'string', minLength: 1, maxLength: 40, description: 'The newspaper id; needed only when the notice went to several papers' },
    page: { type: 'integer', minimum: 1, maximum: 999, description: 'The page the ad ran on' },
    tearSheet: {
      type: 'object',
      additionalProperties: false,
      required: ['contentBase64'],
      properties: {
        filename: { type: 'string', minLength: 1, maxLength: 200 },
        contentBase64: { type: 'string', minLength: 8, pattern: '^[A-Za-z0-9+/\\r\\n]+={0,2}\\s*$', description: 'The tear sheet PDF, base64' },
      },
    },
    note: { type: 'string', minLength: 1, maxLength: 1000 },
  },
} as const;

interface ConfirmBody {
  target?: string;
  page?: number;
  tearSheet?: { filename?: string; contentBase64: string };
  note?: string;
}

/**
 * POST /v1/notices/:id/publications/newspaper/confirm: the paper's proof that the ad ran (a page
 * number, a tear sheet PDF, or both; JSON with the PDF in base64, so one schema checks it all) moves
 * the newspaper publication from `delivered` to `published` and archives the proof.
 */
export default async function newspaperConfirmRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { id: string; channel: 'newspaper' }; Body: ConfirmBody }>(
    '/notices/:id/publications/:channel/confirm',
    {
      bodyLimit: CONFIRM_BODY_LIMIT,
      schema: { tags: ['notices'], summary: 'Record the paper\'s proof that a newspaper ad ran (page number and/or tear sheet PDF)', params, body, response: { 200: { $ref: 'Notice#' }, ...problemResponses } },
    },
    async (request) => {
      const role = request.principal.role;
      if (role !== 'communications' && role !== 'admin') throw new RoleForbidden(role, 'confirm newspaper publications');
      const entry = tenantOfRequest(app, request);
      const { page, tearSheet, note, target } = request.body;

      let proof: { content: Buffer; contentType: string };
      const receipt: Record<string, unknown> = {
        confirmedBy: { id: request.principal.userId, name: request.principal.userName, role },
        ...(page === undefined ? {} : { page }),
        ...(note === undefined ? {} : { note }),
      };
      if (tearSheet) {
        const pdf = Buffer.from(tearSheet.contentBase64, 'base64');
        if (pdf.length > TEAR_SHEET_MAX_BYTES) throw invalidRequest('/tearSheet/contentBase64', `is larger than ${TEAR_SHEET_MAX_BYTES} bytes`, 'schema.maxLength');
        if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw invalidRequest('/tearSheet/contentBase64', 'is not a PDF (it must start with %PDF-)', 'newspaper.tear_sheet');
        proof = { content: pdf, contentType: 'application/pdf' };
        receipt.tearSheet = { sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.length, ...(tearSheet.filename ? { filename: tearSheet.filename } : {}) };
      } else {
        proof = { content: Buffer.from(JSON.stringify({ confirmation: 'page', page, note: note ?? null })), contentType: 'application/json' };
      }

      const at = app.clock();
      const result = await confirmNewspaperPublication(app.pg, { tenantId: request.principal.tenantId, noticeId: request.params.id, target: target ?? null, at, proof: { ...proof, receipt } });
      if (result.outcome === 'no-publication') {
        const exists = await findNotice(app.pg, request.principal.tenantId, request.params.id);
        if (!exists) throw new NotFound(`Notice ${request.params.id}`);
        throw new NotFound(target === undefined ? 'A newspaper publication of this notice' : `A publication of this notice in newspaper "${target}"`);
      }
      if (result.outcome === 'which-paper') throw invalidRequest('/target', `the notice went to several papers: name one of ${result.targets.join(', ')}`, 'schema.required');
      if (result.outcome === 'state') throw new PublicationStateConflict('confirm', result.state);
      request.log.info({ event: 'newspaper.confirmed', noticeId: request.params.id, publicationId: result.publicationId, page, tearSheet: tearSheet !== undefined }, 'newspaper publication confirmed');
      const row = await findNotice(app.pg, request.principal.tenantId, request.params.id);
      if (!row) throw new NotFound(`Notice ${request.params.id}`);
      return presentNotice(row, entry.tenant.timeZone, attentionOf(app, entry));
    },
  );
}
