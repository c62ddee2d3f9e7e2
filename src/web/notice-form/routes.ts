import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NoticeStateConflict, NotFound, RoleForbidden } from '../../errors.ts';
import { presentPlan } from '../../notices/present.ts';
import { NOTICE_TYPES, type NoticeInput } from '../../notices/types.ts';
import { correctAs } from '../../routes/notice-actions.ts';
import { assessForRequest, mayChange, rulesForSubmitter, tenantOfRequest } from '../../routes/notice-context.ts';
import { submitNotice } from '../../routes/submit-notice.ts';
import { findIdempotentAnswer, findNotice } from '../../store/notices.ts';
import { webContext } from '../context.ts';
import { html } from '../../channels/website/html.ts';
import { t, type Lang } from '../i18n/index.ts';
import type { WebOptions } from '../options.ts';
import { page } from '../layout.ts';
import { formNodes } from './controls.ts';
import { controlsOf } from './model.ts';
import { formMain, type FormPage } from './page.ts';
import { readForm, submittedRows, type FormBody } from './parse.ts';
import { checkShape } from './shape.ts';
import { imageExtension, storeImage } from './upload.ts';
import { lawfulWindow } from './window.ts';
import { publicationMoment } from '../../scheduling/index.ts';
import type { ShownFinding } from './findings.ts';
import { sendPage } from '../send-page.ts';

type Query = { type?: string };

function papersOf(app: FastifyInstance, request: FastifyRequest): Map<string, string> {
  return new Map(tenantOfRequest(app, request).tenant.channels.newspapers.map((n) => [n.id, n.name]));
}

function send(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, form: FormPage, status = 200): FastifyReply {
  const ctx = webContext(request, reply);
  const main = formMain(ctx, form, papersOf(app, request));
  const title = form.correcting ? t(ctx.lang, 'form.correctTitle', { type: form.rules.title.nb }) : t(ctx.lang, 'form.newTitle', { type: form.rules.title[ctx.lang] });
  return sendPage(reply, status, page(ctx, { title, main, active: 'write', scripts: ['notice-form.js'], path: request.url }));
}

function findingsOf(list: readonly { rule: string; severity: 'error' | 'warning'; path: string; message: string; source?: ShownFinding['source'] }[]): ShownFinding[] {
  return list.map(({ rule, severity, path, message, source }) => ({ rule, severity, path, message, ...(source ? { source } : {}) }));
}

/**
 * /app/notices/new?type=… and /app/notices/:id/edit: the form of a notice type, generated from its
 * rule file. Submitting checks it on the server exactly as the API does (the same messages the live
 * validation shows); a notice with errors is shown again with each message beside its field and
 * nothing is stored.
 */
export default async function noticeFormRoutes(app: FastifyInstance, opts: WebOptions): Promise<void> {
  /**
   * Stores each uploaded image (only real JPEG, PNG, GIF or WebP) in the tenant's public media
   * folder and fills in its address; answers a message for each file that is not an image.
   */
  async function takeUploads(request: FastifyRequest<{ Body: FormBody }>, lang: Lang): Promise<ShownFinding[]> {
    const body = request.body as Record<string, unknown>;
    const problems: ShownFinding[] = [];
    for (const [name, value] of Object.entries(body)) {
      const row = /^\/attachments\/(\d+)\/file$/.exec(name)?.[1];
      if (row === undefined) continue;
      Reflect.deleteProperty(body, name);
      if (!Buffer.isBuffer(value) || value.length === 0) continue;
      const ext = imageExtension(value);
      if (!ext) {
        problems.push({ severity: 'error', path: `/attachments/${row}/file`, message: t(lang, 'form.uploadType') });
        continue;
      }
      const path = await storeImage(opts.webRoot, request.principal.tenantSlug, value, ext);
      body[`/attachments/${row}/url`] = `${request.protocol}://${request.host}/public/${path}`;
    }
    return problems;
  }

  app.get<{ Querystring: Query }>('/notices/new', async (request, reply) => {
    const ctx = webContext(request, reply);
    const entry = tenantOfRequest(app, request);
    const type = request.query.type;
    if (type === undefined) {
      // Only the types the role may submit (the rule files' submitRoles); a role with none gets the 403 page.
      const types = NOTICE_TYPES.filter((t) => entry.rules.get(t)?.submitRoles.includes(ctx.principal.role));
      if (types.length === 0) throw new RoleForbidden(ctx.principal.role, 'submit notices');
      const links = types.map((name) => html`<li><a href="/app/notices/new?type=${name}">${entry.rules.get(name)?.title[ctx.lang] ?? name}</a></li>`);
      const main = html`<h1>${t(ctx.lang, 'form.chooseType')}</h1><ul class="card-list">${links}</ul>`;
      return sendPage(reply, 200, page(ctx, { title: t(ctx.lang, 'form.chooseType'), main, active: 'write', path: request.url }));
    }
    const rules = rulesForSubmitter(entry, request, type);
    const language = entry.tenant.language === 'nn' ? 'nn' : 'nb';
    return send(app, request, reply, {
      rules,
      zone: entry.tenant.timeZone,
      action: `/app/notices/new?type=${encodeURIComponent(type)}`,
      values: { type, language, channels: rules.channels.default },
      rows: () => 1,
      errors: [],
      warnings: [],
      plan: null,
      window: [],
      idempotencyKey: randomUUID(),
    });
  });

  /** Reads and checks a submitted form; `form` is the page to show again if it is not to be stored. */
  async function check(request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply, type: string, action: string, correcting?: FormPage['correcting']) {
    const entry = tenantOfRequest(app, request);
    const rules = rulesForSubmitter(entry, request, type);
    const lang = webContext(request, reply).lang;
    const uploadProblems = await takeUploads(request, lang);
    const body = request.body;
    const rows = submittedRows(body);
    const nodes = formNodes(rules, rows);
    const values = { ...readForm(controlsOf([...nodes.common, ...nodes.fields, ...nodes.attachments]), body), type };
    const base: FormPage = { rules, zone: entry.tenant.timeZone, action, values, rows, errors: [], warnings: [], plan: null, window: [], idempotencyKey: typeof body._key === 'string' ? body._key : randomUUID(), ...(correcting ? { correcting } : {}) };
    if (body._add !== undefined) return { form: { ...base, errors: uploadProblems }, notice: null };
    const shape = checkShape(values, lang);
    if (!shape.ok) return { form: { ...base, errors: [...uploadProblems, ...shape.findings] }, notice: null };
    const { assessment, now } = assessForRequest(app, request, shape.notice, lang);
    const planned = assessment.plan.length > 0;
    const publication = planned ? publicationMoment(assessment.plan, rules.channels.mandatory, entry.tenant.timeZone) : null;
    const form: FormPage = {
      ...base,
      errors: [...uploadProblems, ...findingsOf(assessment.errors)],
      warnings: findingsOf(assessment.warnings),
      plan: planned ? presentPlan(assessment.plan, entry.tenant.timeZone) : null,
      window: publication ? lawfulWindow(rules, { notice: shape.notice, tenant: entry.tenant, now, plan: assessment.plan, publication }) : [],
    };
    const ready = assessment.errors.length === 0 && uploadProblems.length === 0 && body._action === 'submit';
    return { form, notice: ready ? shape.notice : null };
  }

  app.post<{ Querystring: Query; Body: FormBody }>('/notices/new', async (request, reply) => {
    const type = request.query.type ?? '';
    const { form, notice } = await check(request, reply, type, `/app/notices/new?type=${encodeURIComponent(type)}`);
    if (!notice) return send(app, request, reply, form, form.errors.length > 0 ? 422 : 200);
    // A double click sends the form twice with the same key: the second finds the first's notice.
    const key = `web:${form.idempotencyKey}`;
    const stored = await submitNotice(app, request, notice, { key, requestHash: Buffer.alloc(0) });
    const id = stored?.id ?? ((await findIdempotentAnswer(app.pg, request.principal.tenantId, key))?.response as { id?: string } | undefined)?.id;
    if (!id) throw new NotFound('The notice');
    return reply.redirect(`/app/notices/${id}?done=saved`, 303);
  });

  app.get<{ Params: { id: string } }>('/notices/:id/edit', async (request, reply) => {
    const row = await findNotice(app.pg, request.principal.tenantId, request.params.id);
    if (!row) throw new NotFound(`Notice ${request.params.id}`);
    mayChange(request, row, 'correct this notice');
    const entry = tenantOfRequest(app, request);
    const rules = rulesForSubmitter(entry, request, row.type);
    const content = row.content as NoticeInput & Record<string, unknown>;
    const lengthAt = (pointer: string): number => {
      const list = pointer === '/attachments' ? content.attachments : content.fields[pointer.replace('/fields/', '')];
      return Array.isArray(list) ? list.length : 0;
    };
    return send(app, request, reply, {
      rules,
      zone: entry.tenant.timeZone,
      action: `/app/notices/${row.id}/edit`,
      values: content,
      rows: lengthAt,
      errors: [],
      warnings: [],
      plan: null,
      window: [],
      correcting: { id: row.id, version: row.version },
      idempotencyKey: randomUUID(),
    });
  });

  app.post<{ Params: { id: string }; Body: FormBody }>('/notices/:id/edit', async (request, reply) => {
    const row = await findNotice(app.pg, request.principal.tenantId, request.params.id);
    if (!row) throw new NotFound(`Notice ${request.params.id}`);
    mayChange(request, row, 'correct this notice');
    // Someone corrected it since this form was opened: theirs must not be overwritten unseen.
    if (typeof request.body._version === 'string' && request.body._version !== String(row.version)) throw new NoticeStateConflict('correct', 'changed meanwhile');
    const { form, notice } = await check(request, reply, row.type, `/app/notices/${row.id}/edit`, { id: row.id, version: row.version });
    if (!notice) return send(app, request, reply, form, form.errors.length > 0 ? 422 : 200);
    await correctAs(app, request, row.id, notice);
    return reply.redirect(`/app/notices/${row.id}?done=saved`, 303);
  });
}
