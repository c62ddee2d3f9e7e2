import { codePoints } from '../../channels/facebook/plain-text.ts';
import type { WebContext } from '../context.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { t } from '../i18n/index.ts';


/** The post as the Page will show it, with its length against the limit. */
export function facebookPreview(ctx: WebContext, post: { message: string; image?: { url: string; alt: string } }, max: number, title: string): SafeHtml {
  const { lang } = ctx;
  // Counted as the renderer and the rule's channelLength check count: in code points.
  const used = codePoints(post.message);
  return html`<h1>${t(lang, 'preview.facebookTitle')}</h1>
    <p>${t(lang, 'preview.of', { title })}</p>
    <article class="fb-post" aria-label="${t(lang, 'preview.facebookPost')}">
      <p class="fb-page">${ctx.tenantName}</p>
      <div class="fb-message">${post.message}</div>
      ${post.image ? html`<p class="fb-image">${t(lang, 'preview.image')}: <a href="${post.image.url}">${post.image.url}</a> – ${t(lang, 'form.altText')}: «${post.image.alt}»</p>` : ''}
    </article>
    <p class="fb-length"><label for="fb-length">${t(lang, 'preview.length', { used, max })}</label>
      <meter id="fb-length" min="0" max="${max}" value="${used}" high="${Math.floor(max * 0.9)}">${used} / ${max}</meter></p>`;
}
