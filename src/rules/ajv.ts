import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { readDateTimeParts } from '../time/local-instant.ts';

/** ISO 8601 date-time with an optional offset: local wall time in the tenant's zone when it has none. */
export const LOCAL_DATE_TIME = 'local-date-time';

/**
 * An Ajv for rule-file schemas: every error at once, and strict, so a misspelt keyword or an
 * unknown format in a rule file is a load error rather than a silently ignored rule.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, logger: false });
  addFormats.default(ajv, ['date', 'email']);
  // A link in a notice is for residents to follow: a web address. A javascript: or data: URI is a
  // valid URI, and the website page would make it a live link.
  const uri = fullFormats.uri as (value: string) => boolean;
  ajv.addFormat('uri', { type: 'string', validate: (value: string) => /^https?:\/\//i.test(value) && uri(value) });
  ajv.addFormat(LOCAL_DATE_TIME, { type: 'string', validate: (value: string) => readDateTimeParts(value) !== undefined });
  // Patterns in rule files run with the `u` flag: they must compile with it.
  ajv.addFormat('regex-u', {
    type: 'string',
    validate: (value: string) => {
      try {
        new RegExp(value, 'u');
        return true;
      } catch {
        return false;
      }
    },
  });
  return ajv;
}

/** Compiles and runs the `fields` schemas of every rule file (ajv caches by schema object). */
export const fieldsAjv = createAjv();
