import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { RequestInvalid } from '../errors.ts';
import { preferredLanguage } from '../http/language.ts';
import { findTextProblems } from '../notices/text-hygiene.ts';

/**
 * The text rules of a notice (no control characters, no lone surrogates, no invisible characters)
 * for every other body and query too: a withdrawal reason with a NUL reached PostgreSQL and was a 500.
 * Notice bodies are left to the rules, which report these with every other failure at once.
 */
async function textHygienePlugin(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const lang = preferredLanguage(request);
    const noticeBody = (request.routeOptions.schema?.body as { $ref?: string } | undefined)?.$ref === 'NoticeInput#';
    const problems = [
      ...findTextProblems(request.query, lang).map((p) => ({ ...p, path: `/querystring${p.path}` })),
      ...(noticeBody ? [] : findTextProblems(request.body, lang)),
    ];
    if (problems.length > 0) {
      throw Object.assign(new RequestInvalid(), { errors: problems.map(({ rule, path, message }) => ({ rule, path, message })) });
    }
  });
}

export default fp(textHygienePlugin, { name: 'herald-text-hygiene', fastify: '5.x' });
