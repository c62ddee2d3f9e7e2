import type { WebContext } from '../context.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { t } from '../i18n/index.ts';
import type { NoticeRow } from '../../store/notices.ts';

/** The approval queue: notices waiting for a second person; one's own cannot be approved by oneself. */
export function approvalsMain(ctx: WebContext, rows: readonly NoticeRow[], typeTitle: (type: string) => string): SafeHtml {
  const { lang } = ctx;
  const items = rows.map((row) => {
    const own = row.submittedBy.id === ctx.principal.userId;
    const action = own
      ? html`<p class="hint">${t(lang, 'approvals.own')}</p>`
      : html`<form method="post" action="/app/notices/${row.id}/approve"><input type="hidden" name="_csrf" value="${ctx.csrfToken}"><button type="submit">${t(lang, 'notice.approve')}</button></form>`;
    return html`<li class="card"><h2><a href="/app/notices/${row.id}">${row.content.title}</a></h2>
      <p>${typeTitle(row.type)} · ${t(lang, 'approvals.by', { name: row.submittedBy.name })}</p>${action}</li>`;
  });
  return html`<h1>${t(lang, 'approvals.title')}</h1>${rows.length === 0 ? html`<p>${t(lang, 'approvals.none')}</p>` : html`<ul class="card-list">${items}</ul>`}`;
}
