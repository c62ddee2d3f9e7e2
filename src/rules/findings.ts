import type { CheckDefinition, CheckFailure, Finding, Messages } from './types.ts';

const PLACEHOLDER = /\{(\w+)\}/g;

function show(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** Fills `{name}` from the failure's values, then from the check's params; unknown names stay as written. */
export function fillMessage(template: string, values: Readonly<Record<string, unknown>>, params: Readonly<Record<string, unknown>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name] ?? params[name];
    return value === undefined ? whole : show(value);
  });
}

export function findingFor(check: CheckDefinition, failure: CheckFailure, lang: keyof Messages): Finding {
  const values = failure.values ?? {};
  const messages = { nb: fillMessage(check.message.nb, values, check.params), en: fillMessage(check.message.en, values, check.params) };
  return {
    rule: check.id,
    severity: check.severity,
    path: failure.path,
    message: messages[lang],
    messages,
    source: check.source,
    ...(check.policy ? { policy: true } : {}),
  };
}
