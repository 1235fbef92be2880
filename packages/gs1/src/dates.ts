// GS1 date and time fields (YYMMDD and friends) to ISO 8601 strings. Two-digit years are resolved
// with the GS1 General Specifications sliding window, so the same label reads the same way for
// fifty years either side of "now" instead of flipping at an arbitrary pivot year.

export type DateCheck = { ok: true; iso: string } | { ok: false; reason: string };

/**
 * Four-digit year for a two-digit GS1 year: the one within -49..+50 years of `now`'s year
 * (GS1 General Specifications §7.12).
 */
export function resolveCentury(yy: number, now: Date): number {
  const current = now.getUTCFullYear();
  let year = current - (current % 100) + yy;
  if (year - current > 50) year -= 100;
  else if (year - current < -49) year += 100;
  return year;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Validates a six-digit YYMMDD and returns YYYY-MM-DD. With `allowDay00`, day 00 means the last
 * day of the month — GS1 permits it for the "date" AIs (11–17) because labels often only state a
 * month.
 */
export function yymmddToIso(text: string, options: { now: Date; allowDay00: boolean }): DateCheck {
  if (!/^\d{6}$/.test(text)) return { ok: false, reason: `a date must be six digits YYMMDD, got '${text}'` };
  const year = resolveCentury(Number(text.slice(0, 2)), options.now);
  const month = Number(text.slice(2, 4));
  const dayText = text.slice(4, 6);
  if (month < 1 || month > 12) return { ok: false, reason: `month ${text.slice(2, 4)} is not 01–12` };
  const lastDay = daysInMonth(year, month);
  if (dayText === '00') {
    if (!options.allowDay00) return { ok: false, reason: 'day 00 is not allowed here' };
    return { ok: true, iso: `${year}-${pad(month)}-${pad(lastDay)}` };
  }
  const day = Number(dayText);
  if (day > lastDay) {
    return {
      ok: false,
      reason: `day ${dayText} does not exist in ${year}-${pad(month)} (last day is ${lastDay})`,
    };
  }
  return { ok: true, iso: `${year}-${pad(month)}-${dayText}` };
}

/** Validates HH (00–23) and returns it unchanged. */
export function checkHour(text: string): DateCheck {
  if (!/^\d{2}$/.test(text) || Number(text) > 23) return { ok: false, reason: `hour '${text}' is not 00–23` };
  return { ok: true, iso: text };
}

/** Validates HHMM and returns HH:MM. */
export function hhmmToIso(text: string): DateCheck {
  const hour = checkHour(text.slice(0, 2));
  if (!hour.ok) return hour;
  const minutes = text.slice(2);
  if (!/^\d{2}$/.test(minutes) || Number(minutes) > 59) {
    return { ok: false, reason: `minutes '${minutes}' are not 00–59` };
  }
  return { ok: true, iso: `${text.slice(0, 2)}:${minutes}` };
}

/** Validates MM or MMSS (the optional tail of AI 8008) and returns ":MM" or ":MM:SS". */
export function mmssToIso(text: string): DateCheck {
  if (text.length !== 2 && text.length !== 4) {
    return { ok: false, reason: `minutes/seconds must be MM or MMSS, got '${text}'` };
  }
  const parts = text.length === 2 ? [text] : [text.slice(0, 2), text.slice(2)];
  for (const part of parts) {
    if (!/^\d{2}$/.test(part) || Number(part) > 59) return { ok: false, reason: `'${part}' is not 00–59` };
  }
  return { ok: true, iso: `:${parts.join(':')}` };
}
