import type { AlertConfig, Tenant } from '../config/tenant-types.ts';

/** The defaults of a tenant's `alerts` (tenant-schema.ts fills them in for YAML-loaded tenants). */
export const DEFAULT_ALERT_CONFIG: AlertConfig = { deadlineMarginHours: 72, reminderHours: 24 };

export function alertConfigOf(tenant: Tenant): AlertConfig {
  return tenant.alerts ?? DEFAULT_ALERT_CONFIG;
}

/**
 * Tenants whose alert webhook names a secret the environment does not hold, as
 * `asnes: HERALD_ALERT_SECRET_ASNES`: the worker refuses to start with them (one loud failure).
 */
export function missingWebhookSecrets(tenants: readonly Tenant[], env: NodeJS.ProcessEnv): string[] {
  return tenants.flatMap((t) => {
    const name = t.alerts?.webhook?.secretEnv;
    return name !== undefined && !env[name] ? [`${t.slug}: alerts.webhook.secretEnv names ${name}, which is not set`] : [];
  });
}
