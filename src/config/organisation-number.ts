const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** Enhetsregisteret's mod-11 check digit: catches a mistyped organisation number at start-up. */
export function isValidOrganisationNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = Array.from(value, Number);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0);
  const remainder = 11 - (sum % 11);
  if (remainder === 10) return false;
  return (remainder === 11 ? 0 : remainder) === digits[8];
}
