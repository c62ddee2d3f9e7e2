import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { RoleForbidden } from '../../errors.ts';
import { tenantOfRequest } from '../../routes/notice-context.ts';
import { listNotices } from '../../store/notices.ts';
import { webContext } from '../context.ts';
import { t } from '../i18n/index.ts';
import { page } from '../layout.ts';
import { approvalsMain } from './approvals.ts';
import { calendarDays, range, type View } from './calendar.ts';
import { planMain } from './render.ts';
import { sendPage } from '../send-page.ts';

/** A publication can appear this long after its notice's first appearance (a weekly paper, a moved post). */
const LOOKBACK_DAYS = 45;
const MAX_NOTICES = 2000;

/** /app/plan (week and month) and /app/approvals. */
export default async function planRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { view?: string; date?: string } }>('/plan', async (request, reply) => {
    const ctx = webContext(request, reply);
    const entry = tenantOfRequest(app, request);
    const zone = entry.tenant.timeZone;
    const view: View = request.query.view === 'month' ? 'month' : 'week';
    const asked = request.query.date === undefined ? null : DateTime.fromISO(request.query.date, { zone });
    const date = asked?.isValid ? asked : DateTime.fromJSDate(app.clock(), { zone });
    const { start, end } = range(view, date);
    const rows = await listNotices(app.pg, request.principal.tenantId, { from: start.minus({ days: LOOKBACK_DAYS }).toJSDate(), to: end.toJSDate(), limit: MAX_NOTICES });
    const days = calendarDays(rows, entry.tenant.channels.newspapers, start, end);
    const main = planMain(ctx, view, start, days);
    return sendPage(reply, 200, page(ctx, { title: t(ctx.lang, 'plan.title'), main, active: 'plan', path: request.url }));
  });

  app.get('/approvals', async (request, reply) => {
    const ctx = webContext(request, reply);
    if (ctx.principal.role !== 'communications' && ctx.principal.role !== 'admin' && ctx.principal.role !== 'hr') throw new RoleForbidden(ctx.principal.role, 'approve notices');
    const entry = tenantOfRequest(app, request);
    const rows = await listNotices(app.pg, request.principal.tenantId, { status: 'awaiting_approval', limit: MAX_NOTICES });
    const mine = rows.filter((row) => entry.rules.get(row.type)?.submitRoles.includes(ctx.principal.role));
    const main = approvalsMain(ctx, mine, (type) => entry.rules.get(type)?.title[ctx.lang] ?? type);
    return sendPage(reply, 200, page(ctx, { title: t(ctx.lang, 'approvals.title'), main, active: 'approvals', path: request.url }));
  });
}
