import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { NoticeRejected, NotFound, RequestInvalid, RoleForbidden } from '../errors.ts';
import { preferredLanguage } from '../http/language.ts';
import { adFitErrors } from '../notices/ad-fit.ts';
import { assessNotice, type Assessment } from '../notices/assess.ts';
import type { NoticeInput } from '../notices/types.ts';
import type { Finding } from '../rules/types.ts';
import type { TenantRuleFile } from '../rules/index.ts';
import type { PlannedPublication } from '../scheduling/types.ts';
import type { NoticeRow, PublicationRow } from '../store/notices.ts';
import type { TenantEntry } from '../tenancy/directory.ts';

/** A 422 listing every failed rule, as problem+json `errors`. */
export function rejected(errors: Finding[]): Error {
  return Object.assign(new NoticeRejected(errors.length), {
    errors: errors.map(({ rule, path, message, source }) => ({ rule, path, message, ...(source ? { source } : {}) })),
  });
}

export function invalidRequest(path: string, message: string, rule = 'query'): Error {
  return Object.assign(new RequestInvalid(), { errors: [{ rule, path, message }] });
}

/** The caller's municipality; a key whose municipality left the configuration sees nothing. */
export function tenantOfRequest(app: FastifyInstance, request: FastifyRequest): TenantEntry {
  const entry = app.directory.get(request.principal.tenantSlug);
  if (!entry) throw new NotFound('The municipality');
  return entry;
}

/** The type's rules, after checking that the caller's role may submit it (403 otherwise). */
export function rulesForSubmitter(entry: TenantEntry, request: FastifyRequest, type: string, action = `submit ${type} notices`): TenantRuleFile {
  const rules = entry.rules.get(type);
  if (!rules) throw new NotFound(`Notice type "${type}"`);
  if (!rules.submitRoles.includes(request.principal.role)) throw new RoleForbidden(request.principal.role, action);
  return rules;
}

/**
 * Role check, then every rule at once, planned from the app's clock. Shared by submit, dry run,
 * approval and correction. Messages are in `lang`: the web app passes the signed-in user's language.
 */
export function assessForRequest(
  app: FastifyInstance,
  request: FastifyRequest,
  notice: NoticeInput,
  lang = preferredLanguage(request),
): { entry: TenantEntry; rules: TenantRuleFile; assessment: Assessment; now: DateTime } {
  const entry = tenantOfRequest(app, request);
  const rules = rulesForSubmitter(entry, request, notice.type);
  const now = DateTime.fromJSDate(app.clock(), { zone: entry.tenant.timeZone });
  const assessment = assessNotice(notice, entry.tenant, rules, now, lang);
  // Text that cannot be stored is refused before any layout (the plan is empty then).
  assessment.errors.push(...adFitErrors(notice, entry.tenant, assessment.plan, now, lang));
  return { entry, rules, assessment, now };
}

/** New publication rows (state `pending`) for a plan. */
export function publicationRows(plan: readonly PlannedPublication[]): PublicationRow[] {
  return plan.map((p) => ({
    id: randomUUID(),
    channel: p.channel,
    target: p.target ?? '',
    state: 'pending',
    scheduledAt: p.scheduledAt,
    appearsAt: p.appearsAt,
    issueDate: p.issueDate ?? null,
    attempts: 0,
    externalId: null,
    externalUrl: null,
    lastError: null,
    deliveredAt: null,
    withdrawnAt: null,
  }));
}

/** When a notice first becomes public: its earliest planned appearance. */
export function firstAppearance(plan: readonly PlannedPublication[]): Date {
  return new Date(Math.min(...plan.map((p) => p.appearsAt.getTime())));
}

/** The submitter's role (or admin) may withdraw, correct and follow up a notice. */
export function mayChange(request: FastifyRequest, row: NoticeRow, action: string): void {
  const role = request.principal.role;
  if (role !== 'admin' && role !== row.submittedBy.role) throw new RoleForbidden(role, action);
}
