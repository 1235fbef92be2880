// GS1 mod-10 check digit, shared by every GS1 key that carries one (GTIN-8/12/13/14, SSCC, GLN,
// GSIN, GDTI, GRAI, GSRN). Weights run 3,1,3,1… from the digit nearest the check digit, which is
// why one routine serves keys of every length.
import { Gs1Error } from './errors.ts';

const DIGITS = /^\d+$/;
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/** Check digit for `digits`, which must NOT include the check digit itself. */
export function gs1CheckDigit(digits: string): number {
  if (!DIGITS.test(digits)) {
    throw new Gs1Error('not_numeric', `a check digit can only be computed over digits, got '${digits}'`);
  }
  let sum = 0;
  let weight = 3;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += (digits.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `code` is the GS1 check digit of the digits before it. */
export function hasValidCheckDigit(code: string): boolean {
  if (code.length < 2 || !DIGITS.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** True for a GTIN-8, -12, -13 or -14 with a correct check digit. */
export function isValidGtin(code: string): boolean {
  return GTIN_LENGTHS.has(code.length) && hasValidCheckDigit(code);
}

/**
 * Normalises a GTIN-8/12/13/14 to the 14-digit form GS1 element strings use (left-padded with
 * zeros). Throws Gs1Error rather than padding something that is not a valid GTIN.
 */
export function toGtin14(code: string): string {
  if (!DIGITS.test(code)) {
    throw new Gs1Error('not_numeric', `a GTIN must be all digits, got '${code}'`);
  }
  if (!GTIN_LENGTHS.has(code.length)) {
    throw new Gs1Error('bad_length', `a GTIN has 8, 12, 13 or 14 digits, got ${code.length}`);
  }
  if (!hasValidCheckDigit(code)) {
    const expected = gs1CheckDigit(code.slice(0, -1));
    throw new Gs1Error(
      'bad_check_digit',
      `GTIN '${code}' ends in check digit ${code.slice(-1)}, expected ${expected}`,
    );
  }
  return code.padStart(14, '0');
}
