import { describe, expect, it } from 'vitest';
import { daysInMonth, hhmmToIso, mmssToIso, resolveCentury, yymmddToIso } from './dates.ts';

const at = (iso: string) => new Date(iso);
const now = at('2025-06-15T00:00:00Z');

describe('resolveCentury', () => {
  it('keeps years up to 50 ahead in the current century', () => {
    expect(resolveCentury(75, now)).toBe(2075);
    expect(resolveCentury(25, now)).toBe(2025);
  });

  it('moves years more than 50 ahead into the previous century', () => {
    expect(resolveCentury(76, now)).toBe(1976);
    expect(resolveCentury(99, now)).toBe(1999);
  });

  it('moves years more than 49 behind into the next century', () => {
    expect(resolveCentury(10, at('2060-03-01T00:00:00Z'))).toBe(2110);
    expect(resolveCentury(11, at('2060-03-01T00:00:00Z'))).toBe(2011);
  });
});

describe('yymmddToIso', () => {
  it('returns YYYY-MM-DD for a valid date', () => {
    expect(yymmddToIso('251231', { now, allowDay00: false })).toEqual({ ok: true, iso: '2025-12-31' });
  });

  it('maps day 00 to the last day of the month when allowed', () => {
    expect(yymmddToIso('240200', { now, allowDay00: true })).toEqual({ ok: true, iso: '2024-02-29' });
    expect(yymmddToIso('250200', { now, allowDay00: true })).toEqual({ ok: true, iso: '2025-02-28' });
    expect(yymmddToIso('000200', { now, allowDay00: true })).toEqual({ ok: true, iso: '2000-02-29' });
    expect(yymmddToIso('250900', { now, allowDay00: true })).toEqual({ ok: true, iso: '2025-09-30' });
  });

  it('rejects day 00 when not allowed, month 00 and Feb 29 outside leap years', () => {
    expect(yymmddToIso('250100', { now, allowDay00: false }).ok).toBe(false);
    expect(yymmddToIso('250001', { now, allowDay00: true }).ok).toBe(false);
    expect(yymmddToIso('250229', { now, allowDay00: true }).ok).toBe(false);
    expect(yymmddToIso('240229', { now, allowDay00: true }).ok).toBe(true);
  });

  it('knows 2100 is not a leap year', () => {
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });
});

describe('times', () => {
  it('validates HHMM', () => {
    expect(hhmmToIso('2359')).toEqual({ ok: true, iso: '23:59' });
    expect(hhmmToIso('2400').ok).toBe(false);
    expect(hhmmToIso('1260').ok).toBe(false);
  });

  it('validates the MM or MMSS tail of a production time', () => {
    expect(mmssToIso('05')).toEqual({ ok: true, iso: ':05' });
    expect(mmssToIso('0559')).toEqual({ ok: true, iso: ':05:59' });
    expect(mmssToIso('055').ok).toBe(false);
    expect(mmssToIso('0560').ok).toBe(false);
  });
});
