import type { PageContext } from '../context.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { t } from '../i18n/index.ts';
import { page } from '../layout.ts';

/** The sign-in did not complete (cancelled at the provider, expired, replayed, refused). */
export function failedPage(ctx: PageContext, provider: string): SafeHtml {
  const title = t(ctx.lang, 'oidc.failedTitle');
  const main = html`<h1>${title}</h1>
    <p>${t(ctx.lang, 'oidc.failedText', { provider })}</p>
    <p><a href="/app/sign-in">${t(ctx.lang, 'oidc.tryAgain')}</a></p>`;
  return page(ctx, { title, main });
}

/** The provider vouched for someone this municipality has not given a (active) Herald user. */
export function unknownUserPage(ctx: PageContext, view: { provider: string; email: string; tenant: string }): SafeHtml {
  const title = t(ctx.lang, 'oidc.unknownTitle');
  const main = html`<h1>${title}</h1>
    <p>${t(ctx.lang, 'oidc.unknownText', view)}</p>
    <p><a href="/app/sign-in">${t(ctx.lang, 'oidc.tryAgain')}</a></p>`;
  return page(ctx, { title, main });
}
