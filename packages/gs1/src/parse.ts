// Entry points: detect the form, split it into fields, validate each field in input order (so the
// first error reported is the first one in the string), reject conflicting repeats, and build the
// result.
import type { AiDefinition } from './ai-table.ts';
import { splitBracketed } from './bracketed.ts';
import { detectForm } from './detect.ts';
import { splitDigitalLink } from './digital-link.ts';
import { type Field, toElement } from './element.ts';
import { Gs1Error, show } from './errors.ts';
import { splitRaw } from './raw.ts';
import { buildResult } from './result.ts';
import type { Gs1Element, Gs1Result, ParseOptions } from './types.ts';

// AIs of one implied-decimal family (3102 and 3103, or 390n and 391n) state the same quantity, so
// two of them are a conflict even though the AI numbers differ.
function conflictKey(definition: AiDefinition): string {
  return definition.decimals === undefined ? definition.ai : definition.ai.slice(0, 3);
}

/**
 * Parses a GS1 element string in bracketed, raw (scanner) or Digital Link form. Throws Gs1Error
 * for anything it cannot read exactly; it never repairs or guesses.
 */
export function parseGs1(input: string, options: ParseOptions = {}): Gs1Result {
  const now = options.now ?? new Date();
  const { form, start, end, symbology } = detectForm(input, options.form);
  const fields: Iterable<Field> =
    form === 'bracketed'
      ? splitBracketed(input, start, end)
      : form === 'raw'
        ? splitRaw(input, start, end)
        : splitDigitalLink(input, start, end);

  const elements: Gs1Element[] = [];
  const seen = new Map<string, Gs1Element>();
  for (const field of fields) {
    const element = toElement(field, now);
    const key = conflictKey(field.definition);
    const earlier = seen.get(key);
    if (earlier) {
      if (earlier.ai === element.ai && earlier.value === element.value) continue;
      const position = field.aiPosition;
      throw new Gs1Error(
        'duplicate_ai',
        `AI ${element.ai} ${show(element.raw)}${position === undefined ? '' : ` at position ${position}`} ` +
          `conflicts with AI ${earlier.ai} ${show(earlier.raw)} given earlier`,
        { ai: element.ai, position },
      );
    }
    seen.set(key, element);
    elements.push(element);
  }
  return buildResult(elements, form, symbology);
}

/**
 * Like parseGs1, but returns null when the input is clearly not GS1 — empty, a plain SKU such as
 * "ABC-123", a bare EAN/GTIN without an AI, an ordinary URL. The rule: null exactly when parseGs1
 * would fail with 'empty_input' or 'not_gs1'. Input that shows a GS1 marker (bracketed AI, GS1
 * symbology identifier ]C1/]d2/]Q3/]e0/]J1, FNC1, Digital Link primary key, or leading AI 00/01/02
 * with 14+ digits) but is malformed still throws, so a damaged label is never mistaken for a
 * non-GS1 code.
 */
export function tryParseGs1(input: string, options: ParseOptions = {}): Gs1Result | null {
  try {
    return parseGs1(input, options);
  } catch (error) {
    if (error instanceof Gs1Error && (error.code === 'not_gs1' || error.code === 'empty_input')) return null;
    throw error;
  }
}
