import type { CheckDefinition, CheckFailure, Finding, MessageLanguage, Messages } from './types.ts';

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

/** The text in `lang`; text without nynorsk falls back to bokmål. */
export function inLanguage(messages: Messages, lang: MessageLanguage): string {
  return messages[lang] ?? messages.nb;
}

export function findingFor(check: CheckDefinition, failure: CheckFailure, lang: MessageLanguage): Finding {
  const values = failure.values ?? {};
  const fill = (template: string) => fillMessage(template, values, check.params);
  const messages = { nb: fill(check.message.nb), nn: fill(check.message.nn), en: fill(check.message.en) };
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
