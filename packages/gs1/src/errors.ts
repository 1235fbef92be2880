// The one error type the package throws. Callers branch on `code` (stable, safe to persist or
// translate); `message` is for people and may be reworded.

export type Gs1ErrorCode =
  /** Nothing but whitespace was given. */
  | 'empty_input'
  /** The input is not GS1-shaped at all (a plain SKU, a bare EAN, an ordinary URL). */
  | 'not_gs1'
  /** An application identifier that is not in the table. */
  | 'unknown_ai'
  /** A field (or the AI itself) is shorter than its required length. */
  | 'truncated'
  /** A field is longer than allowed, or has a length its format does not permit. */
  | 'bad_length'
  /** A non-digit in a numeric field. */
  | 'not_numeric'
  /** A character outside GS1 AI encodable character set 82 in an alphanumeric field. */
  | 'bad_characters'
  | 'bad_check_digit'
  /** An impossible date or time. */
  | 'bad_date'
  /** A value that is well-formed but breaks a rule of its AI (e.g. piece 3 of 2). */
  | 'bad_value'
  /** Structure is wrong: unbalanced brackets, stray separators, Digital Link path out of order. */
  | 'bad_syntax'
  /** The same AI twice with different values. */
  | 'duplicate_ai';

export interface Gs1ErrorDetails {
  /** 0-based index into the original input string, where it can be known. */
  position?: number | undefined;
  ai?: string | undefined;
}

export class Gs1Error extends Error {
  override readonly name = 'Gs1Error';
  readonly code: Gs1ErrorCode;
  readonly position: number | undefined;
  readonly ai: string | undefined;

  constructor(code: Gs1ErrorCode, message: string, details: Gs1ErrorDetails = {}) {
    super(message);
    this.code = code;
    this.position = details.position;
    this.ai = details.ai;
  }
}

/** Quotes a fragment of input for an error message, making control characters such as GS visible. */
export function show(text: string): string {
  let visible = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    visible += code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return `'${visible}'`;
}

/** Appends " at position N" when a position is known, so messages stay accurate for Digital Links. */
export function at(position: number | undefined): string {
  return position === undefined ? '' : ` at position ${position}`;
}
