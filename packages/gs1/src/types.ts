// Public shapes of a parse result. Values are strings throughout: GS1 data is decimal text and
// converting weights or prices to binary floats would lose exactness the label guarantees.

export type Gs1Form = 'bracketed' | 'raw' | 'digital-link';

export interface Gs1Money {
  /** Decimal string with the AI's implied decimal places applied, e.g. "12.50". */
  amount: string;
  /** ISO 4217 numeric code, e.g. "978" — present for AIs 391n/393n only. */
  currency?: string;
}

export interface Gs1Element {
  ai: string;
  /** GS1 data title, e.g. "USE BY OR EXPIRY". */
  title: string;
  /** The field as it appeared in the input (brackets unescaped, Digital Link percent-decoded). */
  raw: string;
  /**
   * Interpreted value: YYYY-MM-DD for dates, a decimal string for measures and amounts
   * ("1.250"), "978 12.50" for amounts with a currency, a 14-digit GTIN, otherwise the raw text.
   */
  value: string;
  money?: Gs1Money;
}

export interface Gs1Result {
  /** In input order; an AI repeated with an identical value appears once. */
  elements: Gs1Element[];
  byAi: Record<string, string>;
  form: Gs1Form;
  /** AIM symbology identifier the scanner prefixed, e.g. "]d2". */
  symbology?: string;
  /** 14 digits, also when a Digital Link carried a GTIN-8/12/13. */
  gtin?: string;
  sscc?: string;
  lot?: string;
  serial?: string;
  variant?: string;
  /** YYYY-MM-DD */
  expiry?: string;
  /** YYYY-MM-DD */
  bestBefore?: string;
  /** YYYY-MM-DD */
  productionDate?: string;
  /** Integer string from AI 30 (variable count), else AI 37 (count of trade items). */
  quantity?: string;
  /** Decimal string from AI 310n. */
  netWeightKg?: string;
  /** From AI 390n/391n. */
  amount?: Gs1Money;
  /** From AI 392n/393n. */
  price?: Gs1Money;
}

export interface ParseOptions {
  /** Anchors the two-digit-year window; defaults to the current time. */
  now?: Date;
  /**
   * Skip form detection and insist on this form. Needed for raw strings that carry no symbology
   * identifier or FNC1 and do not start with AI 00/01/02, which detection will not guess at.
   */
  form?: Gs1Form;
}
