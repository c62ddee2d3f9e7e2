import { tmpdir } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { messageOf, renderPost } from '../../channels/facebook/index.ts';
import { AdDoesNotFit, createNewspaperChannel } from '../../channels/newspaper/index.ts';
import { PermanentChannelError } from '../../channels/types.ts';
import { createWebsiteChannel } from '../../channels/website/index.ts';
import { NotFound } from '../../errors.ts';
import { facebookLengthLimit } from '../../publishing/facebook-limits.ts';
import { tenantOfRequest } from '../../routes/notice-context.ts';
import { findNotice } from '../../store/notices.ts';
import { webContext } from '../context.ts';
import { html } from '../../channels/website/html.ts';
import { t } from '../i18n/index.ts';
import { page } from '../layout.ts';
import { facebookPreview } from './facebook.ts';
import { previewTask } from './task.ts';
import { sendPage } from '../send-page.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * /app/notices/:id/preview/:channel: what each channel will carry, made by the channel's own
 * renderer (the bytes a worker would send): the website page, the newspaper ad's PDF, the Facebook post.
 */
export default async function previewRoutes(app: FastifyInstance): Promise<void> {
  // Rendering touches no folder: these adapters are used for render() only.
  const website = createWebsiteChannel({ webRoot: tmpdir(), clock: app.clock });
  const newspaper = createNewspaperChannel({ directoryRoot: tmpdir(), clock: app.clock });
  const limit = facebookLengthLimit(app.directory);

  app.get<{ Params: { id: string; channel: string } }>('/notices/:id/preview/:channel', async (request, reply) => {
    const { id, channel } = request.params;
    if (!UUID.test(id) || !['website', 'newspaper', 'facebook'].includes(channel)) throw new NotFound(`Preview ${channel} of ${id}`);
    const row = await findNotice(app.pg, request.principal.tenantId, id);
    if (!row) throw new NotFound(`Notice ${id}`);
    const tenant = tenantOfRequest(app, request).tenant;
    const task = previewTask(row, tenant, channel as 'website' | 'newspaper' | 'facebook', app.clock());
    if (channel === 'website') {
      const artifact = await website.render(task);
      return reply.type(artifact.contentType).send(artifact.bytes);
    }
    const ctx = webContext(request, reply);
    if (channel === 'newspaper') {
      try {
        const artifact = await newspaper.render(task);
        return await reply.type(artifact.contentType).header('content-disposition', `inline; filename="${id}.pdf"`).send(artifact.bytes);
      } catch (error) {
        if (!(error instanceof AdDoesNotFit || error instanceof PermanentChannelError)) throw error;
        const main = html`<h1>${t(ctx.lang, 'preview.adTitle')}</h1><p class="finding finding-error">${error.message}</p>`;
        return sendPage(reply, 422, page(ctx, { title: t(ctx.lang, 'preview.adTitle'), main, path: request.url }));
      }
    }
    const post = renderPost(task.notice, tenant, { maxLength: limit(task) });
    const image = post.edge === 'photos' ? { url: post.params.url, alt: post.params.alt_text_custom } : undefined;
    const main = facebookPreview(ctx, { message: messageOf(post), ...(image ? { image } : {}) }, limit(task), row.content.title);
    return sendPage(reply, 200, page(ctx, { title: t(ctx.lang, 'preview.facebookTitle'), main, active: 'plan', path: request.url }));
  });
}
