import type { AnonymousContext } from '../context.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { t } from '../i18n/index.ts';
import { page } from '../layout.ts';

export interface SignInView {
  next: string;
  email?: string;
  /** A message above the form: a failure (error) or information (signed out, session expired). */
  message?: { kind: 'error' | 'info'; text: string };
  /** Tenants offering single sign-on: a button each. */
  singleSignOn?: readonly { slug: string; label: string }[];
}

function sso(ctx: AnonymousContext, view: SignInView): SafeHtml | '' {
  const options = view.singleSignOn ?? [];
  if (options.length === 0) return '';
  const next = new URLSearchParams({ next: view.next }).toString();
  return html`<h2>${t(ctx.lang, 'oidc.heading')}</h2>
    <ul class="actions sso">${options.map(
      (o) => html`<li><a class="button secondary" href="/app/sign-in/oidc/${o.slug}?${next}">${t(ctx.lang, 'oidc.button', { label: o.label })}</a></li>`,
    )}</ul>`;
}

export function signInPage(ctx: AnonymousContext, view: SignInView): SafeHtml {
  const { lang } = ctx;
  const message = view.message
    ? html`<div class="notice-box ${view.message.kind === 'error' ? 'error' : ''}" role="${view.message.kind === 'error' ? 'alert' : 'status'}"><p>${view.message.text}</p></div>`
    : '';
  const main = html`<h1>${t(lang, 'signin.title')}</h1>
    ${message}
    <p>${t(lang, 'signin.intro')}</p>
    <form class="stack" method="post" action="/app/sign-in">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
      <input type="hidden" name="next" value="${view.next}">
      <div class="field">
        <label for="email">${t(lang, 'signin.email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${view.email ?? ''}">
      </div>
      <div class="field">
        <label for="password">${t(lang, 'signin.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
      </div>
      <div class="actions"><button type="submit" class="primary">${t(lang, 'signin.submit')}</button></div>
    </form>
    ${sso(ctx, view)}`;
  return page(ctx, { title: t(lang, 'signin.title'), main, path: `/app/sign-in?${new URLSearchParams({ next: view.next }).toString()}` });
}
