import type { Finding, MessageLanguage } from '../rules/types.ts';

/** A check's text in every language a finding can be asked for. */
export interface OwnMessages {
  nb: string;
  nn: string;
  en: string;
}

/** A finding of Herald's own checks (not a rule file's), its message in the reader's language. */
export function ownFinding(rule: string, path: string, messages: OwnMessages, lang: MessageLanguage): Finding {
  return { rule, severity: 'error', path, message: messages[lang], messages };
}
