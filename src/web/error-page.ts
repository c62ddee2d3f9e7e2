import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from './context.ts';
import { html } from '../channels/website/html.ts';
import { t, type MessageKey } from './i18n/index.ts';
import { page } from './layout.ts';
import { sendPage } from './send-page.ts';

/** What a status says to the user: a heading and a sentence. */
function wording(status: number, code: string | undefined): { title: MessageKey; text: MessageKey | null } {
  if (code === 'HERALD_ERR_CSRF') return { title: 'error.csrf', text: 'error.csrfText' };
  if (status === 404) return { title: 'error.notFound', text: 'error.notFoundText' };
  if (status === 403) return { title: 'error.forbidden', text: 'error.forbiddenText' };
  if (status === 503) return { title: 'error.unavailable', text: 'error.unavailableText' };
  if (status < 500) return { title: 'error.badRequest', text: null };
  return { title: 'error.title', text: 'error.internalText' };
}

/**
 * Answers with an HTML error page inside the layout. `detail` (a client error's own message, in
 * English) is shown for 4xx only; a 5xx shows only the request id to quote.
 */
export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, opts: { code?: string; detail?: string } = {}): FastifyReply {
  const ctx = pageContext(request, reply);
  const { title, text } = wording(status, opts.code);
  const main = html`<h1>${t(ctx.lang, title)}</h1>
    ${text ? html`<p>${t(ctx.lang, text, { id: request.id })}</p>` : ''}
    ${status < 500 && status !== 404 && opts.detail ? html`<p class="hint">${opts.detail}</p>` : ''}
    <p><a href="/app">${t(ctx.lang, 'error.back')}</a></p>`;
  return sendPage(reply, status, page(ctx, { title: t(ctx.lang, title), main }));
}
