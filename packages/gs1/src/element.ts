// Turns one (AI, data) pair into a validated Gs1Element: length, character set, check digits,
// dates, then interpretation. Shared by all three input forms so that a value is accepted or
// rejected identically however it was written.
import type { AiComponent, AiDefinition } from './ai-table.ts';
import { gs1CheckDigit, hasValidCheckDigit } from './check-digit.ts';
import { checkHour, type DateCheck, hhmmToIso, mmssToIso, yymmddToIso } from './dates.ts';
import { formatDecimal, formatInteger } from './decimal.ts';
import { at, Gs1Error, show } from './errors.ts';
import type { Gs1Element, Gs1Money } from './types.ts';

/** One AI and its data as located by a form-specific splitter, before validation. */
export interface Field {
  definition: AiDefinition;
  /** Data as written in the input, after unescaping/percent-decoding. */
  raw: string;
  /** What to validate when a form normalises the data (a GTIN-13 in a Digital Link); else raw. */
  data?: string;
  /** Index of the AI's first character in the input, where the form has positions. */
  aiPosition?: number | undefined;
  /** Input index of the data's `index`-th character, where the form has positions. */
  positionOf: (index: number) => number | undefined;
}

// GS1 AI encodable character set 82.
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]$/;

function quantity(count: number, unit: 'digit' | 'character'): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function describeLength(component: Pick<AiComponent, 'min' | 'max'>, unit: 'digit' | 'character'): string {
  if (component.min === component.max) return quantity(component.min, unit);
  return `${component.min} to ${quantity(component.max, unit)}`;
}

function checkLength(field: Field, data: string, unit: 'digit' | 'character'): void {
  const { ai, components } = field.definition;
  let min = 0;
  let max = 0;
  for (const component of components) {
    min += component.optional ? 0 : component.min;
    max += component.max;
  }
  const details = { ai, position: field.aiPosition };
  if (data.length < min) {
    const need = min === max ? quantity(min, unit) : `at least ${quantity(min, unit)}`;
    throw new Gs1Error('truncated', `AI ${ai} needs ${need}, got ${data.length}`, details);
  }
  if (data.length > max) {
    const allowed = min === max ? `needs ${quantity(max, unit)}` : `allows at most ${quantity(max, unit)}`;
    throw new Gs1Error('bad_length', `AI ${ai} ${allowed}, got ${data.length}`, details);
  }
}

/** Splits data into its components; only the last component may vary in length or be absent. */
function splitComponents(field: Field, data: string, unit: 'digit' | 'character'): string[] {
  const { ai, components } = field.definition;
  const parts: string[] = [];
  let offset = 0;
  components.forEach((component, index) => {
    const isLast = index === components.length - 1;
    const length = isLast ? data.length - offset : component.min;
    if (component.optional && length === 0) {
      parts.push('');
      return;
    }
    if (length < component.min || length > component.max) {
      throw new Gs1Error(
        'bad_length',
        `AI ${ai}: the part after the first ${quantity(offset, unit)} must be ${describeLength(component, unit)}, got ${length}`,
        { ai, position: field.positionOf(offset) ?? field.aiPosition },
      );
    }
    parts.push(data.slice(offset, offset + length));
    offset += length;
  });
  return parts;
}

function checkCharacters(field: Field, component: AiComponent, part: string, offset: number): void {
  const { ai } = field.definition;
  for (let i = 0; i < part.length; i++) {
    const char = part.charAt(i);
    const position = field.positionOf(offset + i);
    if (component.charset === 'n' && (char < '0' || char > '9')) {
      throw new Gs1Error(
        'not_numeric',
        `AI ${ai} must be numeric here but has ${show(char)}${at(position)} (in ${show(part)})`,
        { ai, position },
      );
    }
    if (component.charset === 'x' && !CSET82.test(char)) {
      throw new Gs1Error(
        'bad_characters',
        `AI ${ai} has ${show(char)}${at(position)}, which is not in the GS1 AI encodable character set 82`,
        { ai, position },
      );
    }
  }
}

/** Applies a component's lint; returns an ISO fragment for date/time components. */
function lint(
  field: Field,
  component: AiComponent,
  part: string,
  offset: number,
  now: Date,
): string | undefined {
  const { ai } = field.definition;
  const position = field.positionOf(offset);
  const dateOrThrow = (check: DateCheck): string => {
    if (check.ok) return check.iso;
    throw new Gs1Error('bad_date', `AI ${ai} has an invalid date/time ${show(part)}: ${check.reason}`, {
      ai,
      position,
    });
  };
  switch (component.lint) {
    case undefined:
      return undefined;
    case 'csum': {
      if (hasValidCheckDigit(part)) return undefined;
      const expected = gs1CheckDigit(part.slice(0, -1));
      throw new Gs1Error(
        'bad_check_digit',
        `AI ${ai} ${show(part)} ends in check digit ${part.slice(-1)}, expected ${expected}`,
        { ai, position: field.positionOf(offset + part.length - 1) },
      );
    }
    case 'yymmdd':
    case 'yymmd0':
      return dateOrThrow(yymmddToIso(part, { now, allowDay00: component.lint === 'yymmd0' }));
    case 'yymmddhh': {
      const date = dateOrThrow(yymmddToIso(part.slice(0, 6), { now, allowDay00: false }));
      return `${date}T${dateOrThrow(checkHour(part.slice(6)))}`;
    }
    case 'hhmm':
      return `T${dateOrThrow(hhmmToIso(part))}`;
    case 'mmoptss':
      return dateOrThrow(mmssToIso(part));
    case 'zero':
      if (part === '0') return undefined;
      throw new Gs1Error('bad_value', `AI ${ai} must start with the digit 0, got ${show(part)}`, {
        ai,
        position,
      });
    case 'iso3166list':
      if (part.length % 3 === 0) return undefined;
      throw new Gs1Error(
        'bad_length',
        `AI ${ai} is a list of 3-digit country codes, so its length must be a multiple of 3, got ${part.length}`,
        { ai, position },
      );
    case 'pieceoftotal': {
      const piece = Number(part.slice(0, 2));
      const total = Number(part.slice(2));
      if (piece >= 1 && total >= 1 && piece <= total) return undefined;
      throw new Gs1Error('bad_value', `AI ${ai} says piece ${piece} of ${total}, which is impossible`, {
        ai,
        position,
      });
    }
  }
}

function interpret(
  definition: AiDefinition,
  data: string,
  parts: string[],
  fragments: string[],
): { value: string; money?: Gs1Money } {
  const decimals = definition.decimals ?? 0;
  switch (definition.kind) {
    case 'text':
      return { value: data };
    case 'count':
      return { value: formatInteger(data) };
    case 'date':
    case 'datetime':
      return { value: fragments.join('') };
    case 'date-range':
      return { value: fragments.join('/') };
    case 'decimal':
      return { value: formatDecimal(data, decimals) };
    case 'money': {
      const [first = '', second] = parts;
      const money: Gs1Money =
        second === undefined
          ? { amount: formatDecimal(first, decimals) }
          : { currency: first, amount: formatDecimal(second, decimals) };
      return {
        value: money.currency === undefined ? money.amount : `${money.currency} ${money.amount}`,
        money,
      };
    }
  }
}

export function toElement(field: Field, now: Date): Gs1Element {
  const { definition } = field;
  const data = field.data ?? field.raw;
  const unit = definition.components.every((c) => c.charset === 'n') ? 'digit' : 'character';
  checkLength(field, data, unit);
  const parts = splitComponents(field, data, unit);

  let offset = 0;
  for (const [index, part] of parts.entries()) {
    const component = definition.components[index];
    if (component) checkCharacters(field, component, part, offset);
    offset += part.length;
  }
  const fragments: string[] = [];
  offset = 0;
  for (const [index, part] of parts.entries()) {
    const component = definition.components[index];
    if (component && part !== '') {
      const fragment = lint(field, component, part, offset, now);
      if (fragment !== undefined) fragments.push(fragment);
    }
    offset += part.length;
  }

  const { value, money } = interpret(definition, data, parts, fragments);
  const element: Gs1Element = { ai: definition.ai, title: definition.title, raw: field.raw, value };
  if (money) element.money = money;
  return element;
}
