import type { ApiKeyListing } from '../../store/api-keys.ts';
import type { WebUserListing } from '../../store/web-users.ts';
import { ROLES } from '../../notices/types.ts';
import type { WebContext } from '../context.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { dateLocale, t, type Lang } from '../i18n/index.ts';
import { page } from '../layout.ts';

export interface AdminView {
  users: readonly WebUserListing[];
  keys: readonly ApiKeyListing[];
  /** A refusal of the last form, shown above it. */
  error?: string;
}

function date(lang: Lang, value: Date): string {
  return new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(value);
}

function csrf(ctx: WebContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}

function roleSelect(ctx: WebContext, id: string): SafeHtml {
  return html`<select id="${id}" name="role" required>${ROLES.map((role) => html`<option value="${role}">${t(ctx.lang, `role.${role}`)}</option>`)}</select>`;
}

function usersTable(ctx: WebContext, users: readonly WebUserListing[]): SafeHtml {
  const { lang } = ctx;
  if (users.length === 0) return html`<p>${t(lang, 'admin.none')}</p>`;
  const rows = users.map((u) => {
    const toggle = u.disabled ? 'enable' : 'disable';
    return html`<tr>
      <td>${u.name}</td><td>${u.loginEmail}</td><td>${t(lang, `role.${u.role}`)}</td>
      <td>${u.disabled ? t(lang, 'admin.disabled') : t(lang, 'admin.active')}${u.singleSignOn ? html` (${t(lang, 'admin.sso')})` : ''}</td>
      <td><div class="actions">
        <form method="post" action="/app/admin/users/${u.id}/password">${csrf(ctx)}<button type="submit" class="secondary">${t(lang, 'admin.resetPassword', { name: u.name })}</button></form>
        ${u.id === ctx.principal.userId ? '' : html`<form method="post" action="/app/admin/users/${u.id}/${toggle}">${csrf(ctx)}<button type="submit" class="${u.disabled ? 'secondary' : 'danger'}">${t(lang, u.disabled ? 'admin.enable' : 'admin.disable', { name: u.name })}</button></form>`}
      </div></td>
    </tr>`;
  });
  return html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">${t(lang, 'admin.name')}</th><th scope="col">${t(lang, 'admin.email')}</th><th scope="col">${t(lang, 'admin.role')}</th><th scope="col">${t(lang, 'admin.status')}</th><th scope="col">${t(lang, 'admin.actions')}</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

function keysTable(ctx: WebContext, keys: readonly ApiKeyListing[]): SafeHtml {
  const { lang } = ctx;
  if (keys.length === 0) return html`<p>${t(lang, 'admin.none')}</p>`;
  const rows = keys.map(
    (k) => html`<tr>
      <td><code>${k.prefix}…</code></td><td>${k.userName}</td><td>${t(lang, `role.${k.role}`)}</td><td>${date(lang, k.createdAt)}</td>
      <td>${k.revokedAt ? html`${t(lang, 'admin.revoked')} ${date(lang, k.revokedAt)}` : t(lang, 'admin.active')}</td>
      <td>${k.revokedAt ? '' : html`<form method="post" action="/app/admin/keys/${k.id}/revoke">${csrf(ctx)}<button type="submit" class="danger">${t(lang, 'admin.revoke', { prefix: k.prefix })}</button></form>`}</td>
    </tr>`,
  );
  return html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">${t(lang, 'admin.prefix')}</th><th scope="col">${t(lang, 'admin.keyUser')}</th><th scope="col">${t(lang, 'admin.role')}</th><th scope="col">${t(lang, 'admin.created')}</th><th scope="col">${t(lang, 'admin.status')}</th><th scope="col">${t(lang, 'admin.actions')}</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

/** /app/admin: the tenant's users and API keys, and forms to add more. */
export function adminPage(ctx: WebContext, view: AdminView): SafeHtml {
  const { lang } = ctx;
  const main = html`<h1>${t(lang, 'admin.title')}</h1>
    ${view.error ? html`<div class="notice-box error" role="alert"><p>${view.error}</p></div>` : ''}
    <h2>${t(lang, 'admin.users')}</h2>
    ${usersTable(ctx, view.users)}
    <h2 id="new-user">${t(lang, 'admin.newUser')}</h2>
    <form class="stack" method="post" action="/app/admin/users" aria-labelledby="new-user">
      ${csrf(ctx)}
      <p class="hint">${t(lang, 'admin.newUserHint')}</p>
      <div class="field"><label for="user-name">${t(lang, 'admin.name')}</label><input id="user-name" name="name" type="text" required maxlength="200" autocomplete="off"></div>
      <div class="field"><label for="user-email">${t(lang, 'admin.email')}</label><input id="user-email" name="email" type="email" required maxlength="254" autocomplete="off"></div>
      <div class="field"><label for="user-role">${t(lang, 'admin.role')}</label>${roleSelect(ctx, 'user-role')}</div>
      <div class="actions"><button type="submit" class="primary">${t(lang, 'admin.createUser')}</button></div>
    </form>
    <h2>${t(lang, 'admin.keys')}</h2>
    ${keysTable(ctx, view.keys)}
    <h2 id="new-key">${t(lang, 'admin.newKey')}</h2>
    <form class="stack" method="post" action="/app/admin/keys" aria-labelledby="new-key">
      ${csrf(ctx)}
      <div class="field"><label for="key-name">${t(lang, 'admin.keyName')}</label><input id="key-name" name="name" type="text" required maxlength="200" autocomplete="off"></div>
      <div class="field"><label for="key-role">${t(lang, 'admin.role')}</label>${roleSelect(ctx, 'key-role')}</div>
      <div class="actions"><button type="submit" class="primary">${t(lang, 'admin.createKey')}</button></div>
    </form>`;
  return page(ctx, { title: t(lang, 'admin.title'), main, active: 'admin', path: '/app/admin' });
}

/** A secret shown exactly once (a new password or API key), never stored in the clear. */
export function secretOncePage(ctx: WebContext, view: { message: string; label: string; secret: string }): SafeHtml {
  const { lang } = ctx;
  const main = html`<h1>${t(lang, 'admin.title')}</h1>
    <div class="notice-box success" role="status"><p>${view.message}</p></div>
    <p>${view.label}</p>
    <p><code class="secret" id="secret">${view.secret}</code></p>
    <p><a href="/app/admin">${t(lang, 'admin.back')}</a></p>`;
  return page(ctx, { title: t(lang, 'admin.title'), main, active: 'admin', path: '/app/admin' });
}
