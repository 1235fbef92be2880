// @opsledger/gs1 owns reading GS1 barcode data: element strings in bracketed, raw-scanner and
// Digital Link form, the Application Identifier table, GS1 check digits and YYMMDD dates. It is
// pure TypeScript with no Node or DOM dependencies so the server and the browser scanner share
// exactly one interpretation of a label.
export {
  type AiComponent,
  type AiDefinition,
  type AiKind,
  aiDefinition,
  allAiDefinitions,
} from './ai-table.ts';
export { gs1CheckDigit, isValidGtin, toGtin14 } from './check-digit.ts';
export { Gs1Error, type Gs1ErrorCode } from './errors.ts';
export { parseGs1, tryParseGs1 } from './parse.ts';
export type { Gs1Element, Gs1Form, Gs1Money, Gs1Result, ParseOptions } from './types.ts';
