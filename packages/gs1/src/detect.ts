// Decides which of the three forms an input is in, and whether it is GS1 at all. This is where
// "clearly not GS1" is defined: the input must carry some GS1 marker — a GS1 symbology
// identifier, an FNC1, a bracketed AI, a Digital Link primary key, or a leading AI 00/01/02 with
// its full 14+ digits — otherwise it is reported as 'not_gs1' rather than read as element strings
// (a bare EAN-13 such as 4006381333931 would otherwise parse as AI 400 "6381333931").
import { isHttpUrl } from './digital-link.ts';
import { Gs1Error, show } from './errors.ts';
import { containsSeparator, separatorLength } from './separators.ts';
import type { Gs1Form } from './types.ts';

/** AIM symbology identifiers whose data is GS1 element strings. */
const GS1_SYMBOLOGIES = new Set([']C1', ']d2', ']Q3', ']e0', ']J1']);

export interface Detected {
  form: Gs1Form;
  /** First and one-past-last index of the data, after whitespace, symbology id and leading FNC1. */
  start: number;
  end: number;
  symbology?: string;
}

const isBlank = (char: string) => char === ' ' || char === '\t' || char === '\r' || char === '\n';

function guessFree(input: string, start: number, end: number): Gs1Form {
  if (separatorLength(input, start, end) > 0) return 'raw';
  const text = input.slice(start, end);
  if (isHttpUrl(text)) return 'digital-link';
  if (/^\(\d/.test(text)) return 'bracketed';
  if (containsSeparator(input, start, end)) return 'raw';
  if (/^0[0-2]\d{14}/.test(text)) return 'raw';
  throw new Gs1Error(
    'not_gs1',
    `not a GS1 element string: ${show(text)} has no symbology identifier, FNC1, bracketed AI or Digital Link ` +
      'key, and does not start with AI 00/01/02',
  );
}

export function detectForm(input: string, forced?: Gs1Form): Detected {
  let start = 0;
  let end = input.length;
  // Whitespace is not encodable in any AI, so at the ends it can only be scanner framing (CR/LF).
  while (start < end && isBlank(input.charAt(start))) start++;
  while (end > start && isBlank(input.charAt(end - 1))) end--;
  if (start === end) throw new Gs1Error('empty_input', 'empty input: there is nothing to parse');

  let symbology: string | undefined;
  let form: Gs1Form | undefined = forced;
  if (input.charAt(start) === ']') {
    symbology = input.slice(start, start + 3);
    if (!/^\][A-Za-z][0-9A-Za-z]$/.test(symbology)) {
      throw new Gs1Error(
        'not_gs1',
        `not a GS1 element string: ${show(symbology)} is not a symbology identifier`,
      );
    }
    start += 3;
    if (GS1_SYMBOLOGIES.has(symbology)) form ??= 'raw';
    // A Digital Link travels in a plain QR Code or Data Matrix (]Q1, ]d1), not a GS1 one.
    else if (isHttpUrl(input.slice(start, end))) form ??= 'digital-link';
    else if (!form) {
      throw new Gs1Error(
        'not_gs1',
        `not a GS1 element string: symbology ${symbology} does not carry GS1 data`,
      );
    }
  }
  form ??= guessFree(input, start, end);

  // FNC1 in first position is how GS1 symbols announce themselves; some scanners pass it on.
  if (form === 'raw') start += separatorLength(input, start, end);
  if (start === end) {
    throw new Gs1Error('truncated', `no element strings after ${show(input.slice(0, start).trim())}`, {
      position: start,
    });
  }
  return symbology === undefined ? { form, start, end } : { form, start, end, symbology };
}
