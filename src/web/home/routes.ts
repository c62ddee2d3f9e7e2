import type { FastifyInstance } from 'fastify';
import { webContext } from '../context.ts';
import { html } from '../../channels/website/html.ts';
import { t } from '../i18n/index.ts';
import { NAV, page } from '../layout.ts';
import { sendPage } from '../send-page.ts';

/** /app: who you are, and where you can go from here. */
export default async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => {
    const ctx = webContext(request, reply);
    const { lang, principal } = ctx;
    const links = NAV.filter((item) => item.id !== 'home' && item.roles.includes(principal.role)).map(
      (item) => html`<li><a href="${item.href}">${t(lang, item.label)}</a></li>`,
    );
    const main = html`<h1>${t(lang, 'home.greeting', { name: principal.userName })}</h1>
      <p>${t(lang, 'home.youAre', { role: t(lang, `role.${principal.role}`), tenant: ctx.tenantName })}</p>
      <h2>${t(lang, 'home.whatNext')}</h2>
      <ul class="card-list">${links}</ul>`;
    return sendPage(reply, 200, page(ctx, { title: t(lang, 'home.title'), main, active: 'home' }));
  });
}
