// Exact decimal arithmetic for quantities and money. JSON carries them as strings ("12.5"); requests
// may send strings or numbers. Never floats: a JSON number is read through its decimal text.
import DecimalModule, { type Decimal as DecimalClass } from 'decimal.js';
import { problem } from './errors.ts';

// decimal.js ships CommonJS-style typings; at run time the ESM default export is the class itself.
export const Decimal = DecimalModule as unknown as typeof DecimalClass;
export type Decimal = DecimalClass;

Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const QTY_DECIMALS = 6;
export const MONEY_DECIMALS = 4;
const DECIMAL_TEXT = /^-?(?:0|[1-9]\d{0,13})(?:\.\d+)?$/;

export type DecimalInput = string | number;

function invalid(path: string, message: string): never {
  throw problem('validation_failed', `${path} ${message}`, { errors: [{ path, message }] });
}

/** A decimal from request input, refusing non-numbers, too many places and out-of-range values. */
export function parseDecimal(
  value: DecimalInput,
  path: string,
  options: { places?: number; positive?: boolean; nonNegative?: boolean } = {},
): Decimal {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'NaN') : value.trim();
  if (!DECIMAL_TEXT.test(text)) invalid(path, 'must be a decimal number such as "12.5"');
  const d = new Decimal(text);
  const places = options.places ?? QTY_DECIMALS;
  if (d.decimalPlaces() > places) invalid(path, `may have at most ${places} decimal places`);
  if (options.positive && !d.greaterThan(0)) invalid(path, 'must be greater than zero');
  if (options.nonNegative && d.isNegative()) invalid(path, 'must not be negative');
  return d;
}

/** Database numeric text → canonical decimal string without trailing zeros ("12.500000" → "12.5"). */
export function dec(value: string | number | Decimal | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Decimal(value).toFixed();
}

export function money(value: Decimal): Decimal {
  return value.toDecimalPlaces(MONEY_DECIMALS);
}
