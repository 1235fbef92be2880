import { describe, expect, it } from 'vitest';
import { isNonNegativeQty, isPositiveQty, normalizeQty, totalQty } from './quantities.ts';

describe('quantities on the scanner', () => {
  it('adds stock rows exactly, as decimals', () => {
    expect(totalQty([{ qty: '0.1' }, { qty: '0.2' }])).toBe('0.3');
    expect(totalQty([])).toBe('0');
  });

  it('accepts a comma as the decimal mark, as phones with European keyboards type it', () => {
    expect(normalizeQty('1,5')).toBe('1.5');
    expect(isPositiveQty('0,25')).toBe(true);
  });

  it('refuses what is not a quantity', () => {
    expect(isPositiveQty('')).toBe(false);
    expect(isPositiveQty('0')).toBe(false);
    expect(isPositiveQty('-1')).toBe(false);
    expect(isPositiveQty('abc')).toBe(false);
    expect(isNonNegativeQty('0')).toBe(true);
  });
});
