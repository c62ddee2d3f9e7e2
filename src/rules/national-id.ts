import { allMatches, type Match } from './matches.ts';

/**
 * Detects Norwegian national identity numbers (fødselsnummer, and D- and H-numbers) in free text.
 * An 11-digit run only counts when it carries a plausible birth date and both mod-11 control digits
 * hold, so phone, account and case numbers are not flagged (about 1 in 100 random numbers pass).
 */

const FIRST_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const SECOND_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

// Six digits, then optionally one space, no-break space or dot, then five digits, not inside a longer number.
const CANDIDATE = /(?<!\d)(\d{6})[ .\u00A0]?(\d{5})(?!\d)/g;

function controlDigit(digits: readonly number[], weights: readonly number[]): number | undefined {
  let sum = 0;
  weights.forEach((weight, i) => (sum += weight * (digits[i] ?? 0)));
  const rest = 11 - (sum % 11);
  if (rest === 11) return 0;
  return rest === 10 ? undefined : rest;
}

/** Day 1–31 (D-number: first digit + 4, so 41–71) and month 1–12 (H-number: + 40, so 41–52). */
function hasPlausibleDate(digits: readonly number[]): boolean {
  const day = (digits[0] ?? 0) * 10 + (digits[1] ?? 0);
  const month = (digits[2] ?? 0) * 10 + (digits[3] ?? 0);
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  const monthOk = (month >= 1 && month <= 12) || (month >= 41 && month <= 52);
  return dayOk && monthOk;
}

/** Whether 11 digits form a fødselsnummer, D-number or H-number. */
export function isNationalIdNumber(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const digits = Array.from(value, Number);
  if (!hasPlausibleDate(digits)) return false;
  const first = controlDigit(digits, FIRST_WEIGHTS);
  if (first === undefined || first !== digits[9]) return false;
  const second = controlDigit(digits, SECOND_WEIGHTS);
  return second !== undefined && second === digits[10];
}

/** Each national identity number in the text, as written (separator included), and where it is. */
export function findNationalIdNumbers(text: string): Match[] {
  // A cheap test first: most texts have no 11-digit run at all.
  if (!/\d{6}[ .\u00A0]?\d{5}/.test(text)) return [];
  return allMatches(CANDIDATE, text).filter((match) => isNationalIdNumber(match.text.replace(/\D/g, '')));
}

/** Shows the birth date but hides the personal number, so a finding never repeats the whole number. */
export function maskNationalIdNumber(text: string): string {
  return `${text.slice(0, 6)}${text.slice(6).replace(/\d/g, '*')}`;
}
