import type { Role } from '../notices/types.ts';
import { assetUrl } from './assets.ts';
import type { PageContext } from './context.ts';
import { html, type SafeHtml } from '../channels/website/html.ts';
import { LANGS, t, type MessageKey } from './i18n/index.ts';

/** The main menu: each entry shown to the roles that may use it (the routes check again). */
export const NAV: readonly { id: string; href: string; label: MessageKey; roles: readonly Role[] }[] = [
  { id: 'home', href: '/app', label: 'nav.home', roles: ['hr', 'communications', 'archivist', 'admin'] },
  { id: 'write', href: '/app/notices/new', label: 'nav.write', roles: ['hr', 'communications', 'admin'] },
  { id: 'plan', href: '/app/plan', label: 'nav.plan', roles: ['hr', 'communications', 'archivist', 'admin'] },
  { id: 'approvals', href: '/app/approvals', label: 'nav.approvals', roles: ['communications', 'admin'] },
  { id: 'archive', href: '/app/archive', label: 'nav.archive', roles: ['archivist', 'admin'] },
  { id: 'admin', href: '/app/admin', label: 'nav.admin', roles: ['admin'] },
];

export interface PageOptions {
  title: string;
  main: SafeHtml;
  /** The NAV id of the section this page belongs to (marked aria-current). */
  active?: string;
  /** Asset file names of scripts (deferred; no inline script is allowed by the CSP). */
  scripts?: readonly string[];
  /** Where the language switch returns to. @defaultValue the home page */
  path?: string;
}

function nav(ctx: PageContext, active: string | undefined): SafeHtml | '' {
  const principal = ctx.principal;
  if (!principal) return '';
  const items = NAV.filter((item) => item.roles.includes(principal.role)).map(
    (item) => html`<li><a href="${item.href}"${item.id === active ? html` aria-current="page"` : ''}>${t(ctx.lang, item.label)}</a></li>`,
  );
  return html`<nav class="site-nav" aria-label="${t(ctx.lang, 'layout.nav')}"><ul>${items}</ul></nav>`;
}

function languageSwitch(ctx: PageContext, path: string): SafeHtml {
  const buttons = LANGS.map(
    (lang) =>
      html`<button type="submit" name="lang" value="${lang}" lang="${lang}" aria-pressed="${lang === ctx.lang ? 'true' : 'false'}">${t(lang, 'lang.name')}</button>`,
  );
  return html`<form class="lang-switch" method="post" action="/app/language">
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <input type="hidden" name="next" value="${path}">
    <fieldset><legend>${t(ctx.lang, 'lang.switch')}</legend>${buttons}</fieldset>
  </form>`;
}

function account(ctx: PageContext): SafeHtml | '' {
  if (!ctx.principal) return '';
  return html`<form class="sign-out" method="post" action="/app/sign-out">
    <span>${t(ctx.lang, 'layout.signedInAs', { name: ctx.principal.userName })}</span>
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <button type="submit">${t(ctx.lang, 'layout.signOut')}</button>
  </form>`;
}

/** A whole HTML document: every page of the web app goes through here. */
export function page(ctx: PageContext, opts: PageOptions): SafeHtml {
  const appName = t(ctx.lang, 'layout.appName');
  const scripts = (opts.scripts ?? []).map((name) => html`<script src="${assetUrl(name)}" defer></script>`);
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} – ${ctx.tenantName ?? appName}</title>
<meta name="csrf-token" content="${ctx.csrfToken}">
<link rel="stylesheet" href="${assetUrl('app.css')}">
${scripts}
</head>
<body>
<a class="skip-link" href="#main">${t(ctx.lang, 'layout.skip')}</a>
<header class="site-header">
  <div class="brand"><a href="/app">${appName}</a>${ctx.tenantName ? html` <span class="tenant">${ctx.tenantName}</span>` : ''}</div>
  ${nav(ctx, opts.active)}
  <div class="header-tools">${languageSwitch(ctx, opts.path ?? '/app')}${account(ctx)}</div>
</header>
<main id="main" tabindex="-1">
${opts.main}
</main>
</body>
</html>`;
}
