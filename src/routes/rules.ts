import type { FastifyInstance } from 'fastify';
import { NotFound } from '../errors.ts';

/** GET /v1/rules: the rule files in force for the caller's municipality, its overrides applied. */
export default async function ruleRoutes(app: FastifyInstance): Promise<void> {
  app.get('/rules', { schema: { tags: ['rules'], summary: 'Rule files in force, with versions' } }, async (request) => {
    const entry = app.directory.get(request.principal.tenantSlug);
    if (!entry) throw new NotFound('The municipality');
    return {
      tenant: entry.tenant.slug,
      rules: [...entry.rules.values()].map((r) => ({
        type: r.type,
        version: r.version,
        title: r.title,
        submitRoles: r.submitRoles,
        approval: r.approval,
        channels: r.channels,
        fields: r.fields,
        checks: r.checks,
      })),
    };
  });
}
