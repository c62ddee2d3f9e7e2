import type { FastifyInstance } from 'fastify';
import { presentAlert } from '../../alerts/present.ts';
import { NotFound } from '../../errors.ts';
import { presentNotice } from '../../notices/present.ts';
import { attentionOf } from '../../routes/attention.ts';
import { approveAs, withdrawAs } from '../../routes/notice-actions.ts';
import { tenantOfRequest } from '../../routes/notice-context.ts';
import { alertsOfNotice } from '../../store/alerts.ts';
import { findNotice } from '../../store/notices.ts';
import { webContext } from '../context.ts';
import { html } from '../../channels/website/html.ts';
import { t, type Lang, type MessageKey } from '../i18n/index.ts';
import { page } from '../layout.ts';
import { noticeMain } from './render.ts';
import { sendPage } from '../send-page.ts';

const FLASHES: Record<string, MessageKey> = { saved: 'notice.saved', approved: 'notice.approved', withdrawn: 'notice.withdrawn' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** /app/notices/:id: follow a notice up, approve it, correct or withdraw it (the API's own logic). */
export default async function noticePageRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/notices/:id', async (request, reply) => {
    const ctx = webContext(request, reply);
    const { id } = request.params;
    if (!UUID.test(id)) throw new NotFound(`Notice ${id}`);
    const entry = tenantOfRequest(app, request);
    const [row, alerts] = await Promise.all([findNotice(app.pg, request.principal.tenantId, id), alertsOfNotice(app.pg, request.principal.tenantId, id)]);
    if (!row) throw new NotFound(`Notice ${id}`);
    const zone = entry.tenant.timeZone;
    const rules = entry.rules.get(row.type);
    const role = ctx.principal.role;
    const main = noticeMain(ctx, {
      view: presentNotice(row, zone, attentionOf(app, entry)),
      alerts: alerts.map((a) => presentAlert(a, zone)),
      zone,
      typeTitle: rules?.title[ctx.lang] ?? row.type,
      flash: FLASHES[request.query.done ?? ''] ?? null,
      mayApprove: row.status === 'awaiting_approval' && row.submittedBy.id !== ctx.principal.userId && (rules?.submitRoles.includes(role) ?? false),
      mayChange: role === 'admin' || role === row.submittedBy.role,
    });
    return sendPage(reply, 200, page(ctx, { title: row.content.title, main, active: 'plan', path: request.url }));
  });

  app.post<{ Params: { id: string } }>('/notices/:id/approve', async (request, reply) => {
    if (!UUID.test(request.params.id)) throw new NotFound(`Notice ${request.params.id}`);
    await approveAs(app, request, request.params.id);
    return reply.redirect(`/app/notices/${request.params.id}?done=approved`, 303);
  });

  app.post<{ Params: { id: string }; Body: { reason?: unknown } }>('/notices/:id/withdraw', async (request, reply) => {
    if (!UUID.test(request.params.id)) throw new NotFound(`Notice ${request.params.id}`);
    const reason = typeof request.body.reason === 'string' ? request.body.reason.trim() : '';
    if (reason.length < 3 || reason.length > 2000) {
      const ctx = webContext(request, reply);
      return sendPage(reply, 400, page(ctx, { title: t(ctx.lang, 'notice.reasonMissing'), main: noticeReasonMissing(ctx.lang, request.params.id), path: request.url }));
    }
    await withdrawAs(app, request, request.params.id, reason);
    return reply.redirect(`/app/notices/${request.params.id}?done=withdrawn`, 303);
  });
}

function noticeReasonMissing(lang: Lang, id: string) {
  return html`<h1>${t(lang, 'notice.reasonMissing')}</h1><p>${t(lang, 'notice.reasonHelp')}</p><p><a href="/app/notices/${id}">${t(lang, 'notice.back')}</a></p>`;
}
