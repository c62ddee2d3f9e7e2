import type { FastifyReply } from 'fastify';
import type { SafeHtml } from '../channels/website/html.ts';

/** Answers with HTML the web app built (a whole page), as UTF-8 `text/html`. */
export function sendPage(reply: FastifyReply, status: number, body: SafeHtml): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.value);
}
