import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { IANAZone } from 'luxon';
import { ConfigInvalid } from '../errors.ts';
import { isValidOrganisationNumber } from './organisation-number.ts';
import { tenantSchema } from './tenant-schema.ts';
import type { Tenant } from './tenant-types.ts';
import { readYaml } from './yaml-document.ts';

const ajv = new Ajv({ allErrors: true, useDefaults: true });
addFormats.default(ajv);
const validateTenant = ajv.compile(tenantSchema);

/**
 * Loads every `<dir>/tenants/*.yaml`. All problems in all files are collected and thrown as one
 * error (file:line: reason), so an operator fixes them in one go.
 */
export function loadTenants(configDir: string): readonly Tenant[] {
  const dir = join(configDir, 'tenants');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const problems: string[] = [];
  const tenants: Tenant[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const source = readYaml(file);
    if (source.syntaxErrors.length > 0) {
      problems.push(...source.syntaxErrors);
      continue;
    }
    if (!validateTenant(source.data)) {
      for (const e of validateTenant.errors ?? []) {
        problems.push(`${file}:${source.lineOf(e.instancePath)}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
      }
      continue;
    }
    const tenant = source.data as unknown as Tenant;
    const at = (pointer: string): string => `${file}:${source.lineOf(pointer)}`;
    if (tenant.slug !== basename(name).replace(/\.ya?ml$/, '')) {
      problems.push(`${at('/slug')}: slug "${tenant.slug}" must match the file name`);
    }
    if (!isValidOrganisationNumber(tenant.organisationNumber)) {
      problems.push(`${at('/organisationNumber')}: ${tenant.organisationNumber} fails the mod-11 check`);
    }
    if (!IANAZone.isValidZone(tenant.timeZone)) {
      problems.push(`${at('/timeZone')}: "${tenant.timeZone}" is not an IANA time zone`);
    }
    const ids = tenant.channels.newspapers.map((n) => n.id);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (repeated.length > 0) problems.push(`${at('/channels/newspapers')}: newspaper ids repeat: ${repeated.join(', ')}`);
    tenants.push(tenant);
  }
  if (files.length === 0) problems.push(`${dir}: no tenant files (*.yaml)`);
  if (problems.length > 0) throw new ConfigInvalid(problems.join('\n'));
  return Object.freeze(tenants.map((t) => deepFreeze(t)));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
