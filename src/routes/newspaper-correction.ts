import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFound, NoticeStateConflict, PublicationStateConflict } from '../errors.ts';
import type { Language, NoticeInput } from '../notices/types.ts';
import { findNotice, type NoticeRow } from '../store/notices.ts';
import { invalidRequest, mayChange, tenantOfRequest } from './notice-context.ts';
import { noticeParams, problemResponses } from './notice-schemas.ts';
import { submitNotice } from './submit-notice.ts';

const correctionBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 300 },
    body: { type: 'string', minLength: 1, maxLength: 20_000 },
    /** Merged over what is taken from the withdrawn notice (an announcement's fields: category, contact …). */
    fields: { type: 'object' },
    /** Where the rules want the text in a further language (Sami beside Norwegian). */
    translations: { $ref: 'NoticeInput#/properties/translations' },
  },
} as const;

interface CorrectionBody {
  title?: string;
  body?: string;
  fields?: Record<string, unknown>;
  translations?: NoticeInput['translations'];
}

/** The default wording; none for Sami, where a municipality's own translator writes it. */
const WORDING: Partial<Record<Language, { title: (t: string) => string; body: (t: string, papers: string) => string }>> = {
  nb: { title: (t) => `Rettelse: ${t}`, body: (t, p) => `Kunngjøringen «${t}» i ${p} er trukket tilbake av kommunen og gjelder ikke.` },
  nn: { title: (t) => `Retting: ${t}`, body: (t, p) => `Kunngjeringa «${t}» i ${p} er trekt tilbake av kommunen og gjeld ikkje.` },
  en: { title: (t) => `Correction: ${t}`, body: (t, p) => `The notice "${t}" in ${p} has been withdrawn by the municipality and no longer applies.` },
};

/** Whom residents can ask, carried over from the withdrawn notice where its type names someone. */
function contactOf(fields: Record<string, unknown>): Record<string, unknown> | undefined {
  const pick = (c: unknown): Record<string, unknown> | undefined => {
    if (typeof c !== 'object' || c === null) return undefined;
    const { name, phone, email } = c as Record<string, unknown>;
    const picked = Object.fromEntries(Object.entries({ name, phone, email }).filter(([, v]) => typeof v === 'string'));
    return Object.keys(picked).length > 0 ? picked : undefined;
  };
  if (Array.isArray(fields.contacts)) return pick(fields.contacts[0]);
  return pick(fields.contact);
}

/**
 * A withdrawn notice whose newspaper ad already went to the paper: book a correction notice (an
 * announcement on the website and in the newspaper's next issue) through the same rules and
 * planning as any notice. Its text defaults to a withdrawal in the notice's language.
 */
export default async function newspaperCorrectionRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { id: string }; Body: CorrectionBody }>(
    '/notices/:id/newspaper-correction',
    {
      schema: {
        tags: ['notices'],
        summary: 'Book a correction notice in the newspaper for a withdrawn notice whose ad had gone to the paper',
        params: noticeParams,
        body: correctionBody,
        response: { 201: { $ref: 'Notice#' }, ...problemResponses },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string }; Body: CorrectionBody }>, reply) => {
      const row: NoticeRow | null = await findNotice(app.pg, request.principal.tenantId, request.params.id);
      if (!row) throw new NotFound(`Notice ${request.params.id}`);
      mayChange(request, row, 'book a correction for this notice');
      if (row.status !== 'withdrawn') throw new NoticeStateConflict('book a correction for', row.status);
      const handedOver = row.publications.filter((p) => p.channel === 'newspaper' && p.deliveredAt !== null);
      if (handedOver.length === 0) throw new PublicationStateConflict('book a correction for', 'not handed to any newspaper');

      const papers = tenantOfRequest(app, request).tenant.channels.newspapers;
      const where = handedOver.map((p) => `${papers.find((n) => n.id === p.target)?.name ?? p.target} ${p.issueDate ?? ''}`.trim()).join(', ');
      const { language, title } = row.content;
      const wording = WORDING[language];
      const correctionTitle = request.body.title ?? wording?.title(title);
      const correctionText = request.body.body ?? wording?.body(title, where);
      if (correctionTitle === undefined) throw invalidRequest('/body/title', `is required: there is no default wording in "${language}"`);
      if (correctionText === undefined) throw invalidRequest('/body/body', `is required: there is no default wording in "${language}"`);
      const contact = contactOf(row.content.fields);
      const correction: NoticeInput = {
        type: 'announcement',
        language,
        title: correctionTitle,
        body: correctionText,
        channels: ['website', 'newspaper'],
        fields: { category: 'informasjon', ...(contact && { contact }), ...request.body.fields },
        ...(request.body.translations && { translations: request.body.translations }),
      };
      const view = await submitNotice(app, request, correction, null);
      if (!view) throw new Error('a notice without an idempotency key was not stored');
      request.log.info({ event: 'notice.newspaper_correction', noticeId: row.id, correctionId: view.id }, 'correction notice booked');
      return reply.code(201).header('location', `/v1/notices/${view.id}`).send(view);
    },
  );
}
