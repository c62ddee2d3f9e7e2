import type { AnonymousContext } from '../context.ts';
import { html, type SafeHtml } from '../html.ts';
import { t } from '../i18n/index.ts';
import { page } from '../layout.ts';

export interface SignInView {
  next: string;
  email?: string;
  /** A message above the form: a failure (error) or information (signed out, session expired). */
  message?: { kind: 'error' | 'info'; text: string };
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
    </form>`;
  return page(ctx, { title: t(lang, 'signin.title'), main, path: `/app/sign-in?${new URLSearchParams({ next: view.next }).toString()}` });
}
