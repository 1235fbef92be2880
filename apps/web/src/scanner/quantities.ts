// Quantities are decimal strings end to end (never floats), as the API sends them.
import { Decimal } from 'decimal.js';
import type { StockRow } from '../api/types.ts';

export function totalQty(rows: readonly Pick<StockRow, 'qty'>[]): string {
  return rows.reduce((sum, row) => sum.plus(row.qty), new Decimal(0)).toFixed();
}

export function isPositiveQty(value: string): boolean {
  try {
    return new Decimal(value.replace(',', '.')).greaterThan(0);
  } catch {
    return false;
  }
}

export function isNonNegativeQty(value: string): boolean {
  try {
    return new Decimal(value.replace(',', '.')).greaterThanOrEqualTo(0);
  } catch {
    return false;
  }
}

/** Operators on comma-decimal phones type "1,5". */
export function normalizeQty(value: string): string {
  return new Decimal(value.replace(',', '.')).toFixed();
}
