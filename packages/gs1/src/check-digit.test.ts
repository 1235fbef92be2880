import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidCheckDigit } from './check-digit.ts';
import { Gs1Error, isValidGtin, toGtin14 } from './index.ts';

describe('gs1CheckDigit', () => {
  it('computes the mod-10 check digit for every GS1 key length', () => {
    expect(gs1CheckDigit('0950600013435')).toBe(2);
    expect(gs1CheckDigit('400638133393')).toBe(1);
    expect(gs1CheckDigit('1234567')).toBe(0);
    expect(gs1CheckDigit('10614141123456789')).toBe(7);
    expect(gs1CheckDigit('950600013437')).toBe(6);
  });

  it('is unaffected by leading zeros, so GTIN-13 and its GTIN-14 form agree', () => {
    expect(gs1CheckDigit('0400638133393')).toBe(gs1CheckDigit('400638133393'));
  });

  it('refuses non-digits', () => {
    expect(() => gs1CheckDigit('12A4')).toThrow(Gs1Error);
    expect(() => gs1CheckDigit('')).toThrow(Gs1Error);
  });

  it('says a one-digit or non-numeric code has no valid check digit', () => {
    expect(hasValidCheckDigit('0')).toBe(false);
    expect(hasValidCheckDigit('1234567X')).toBe(false);
  });
});

describe('isValidGtin', () => {
  it('accepts GTIN-8, -12, -13 and -14 with correct check digits', () => {
    expect(isValidGtin('12345670')).toBe(true);
    expect(isValidGtin('012345600012')).toBe(true);
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('09506000134352')).toBe(true);
    expect(isValidGtin('00012345600012')).toBe(true);
  });

  it('rejects a GTIN with a wrong check digit', () => {
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('09506000134353')).toBe(false);
  });

  it('rejects lengths that are not GTIN lengths, even with a valid check digit', () => {
    expect(isValidGtin('106141411234567897')).toBe(false);
    expect(isValidGtin('9506000134376')).toBe(true);
    expect(isValidGtin('0000000000')).toBe(false);
  });

  it('rejects non-digits and surrounding whitespace', () => {
    expect(isValidGtin('4006381333931 ')).toBe(false);
    expect(isValidGtin('400638133393A')).toBe(false);
  });
});

describe('toGtin14', () => {
  it('left-pads GTIN-8/12/13 with zeros to 14 digits', () => {
    expect(toGtin14('12345670')).toBe('00000012345670');
    expect(toGtin14('012345600012')).toBe('00012345600012');
    expect(toGtin14('4006381333931')).toBe('04006381333931');
    expect(toGtin14('09506000134352')).toBe('09506000134352');
  });

  it('throws instead of padding an invalid GTIN', () => {
    expect(() => toGtin14('4006381333932')).toThrow(/expected 1/);
    expect(() => toGtin14('123456789')).toThrow(/8, 12, 13 or 14 digits/);
    expect(() => toGtin14('ABC')).toThrow(Gs1Error);
  });
});
