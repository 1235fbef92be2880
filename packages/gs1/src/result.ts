// Builds the convenience view of a parse (gtin, lot, expiry, …) from validated elements, so
// callers that only want the common fields never touch AI numbers.
import type { Gs1Element, Gs1Form, Gs1Money, Gs1Result } from './types.ts';

type OptionalKey = Exclude<keyof Gs1Result, 'elements' | 'byAi' | 'form'>;

// Absent fields are left out rather than set to undefined, so results compare and serialise cleanly.
function assign<K extends OptionalKey>(result: Gs1Result, key: K, value: Gs1Result[K] | undefined): void {
  if (value !== undefined) result[key] = value;
}

function findMoney(elements: Gs1Element[], families: readonly string[]): Gs1Money | undefined {
  return elements.find((element) => families.includes(element.ai.slice(0, 3)))?.money;
}

export function buildResult(elements: Gs1Element[], form: Gs1Form, symbology: string | undefined): Gs1Result {
  const byAi: Record<string, string> = {};
  for (const element of elements) byAi[element.ai] = element.value;

  const result: Gs1Result = { elements, byAi, form };
  assign(result, 'symbology', symbology);
  assign(result, 'gtin', byAi['01']);
  assign(result, 'sscc', byAi['00']);
  assign(result, 'lot', byAi['10']);
  assign(result, 'serial', byAi['21']);
  assign(result, 'variant', byAi['20']);
  assign(result, 'expiry', byAi['17']);
  assign(result, 'bestBefore', byAi['15']);
  assign(result, 'productionDate', byAi['11']);
  assign(result, 'quantity', byAi['30'] ?? byAi['37']);
  assign(result, 'netWeightKg', elements.find((element) => element.ai.startsWith('310'))?.value);
  assign(result, 'amount', findMoney(elements, ['390', '391']));
  assign(result, 'price', findMoney(elements, ['392', '393']));
  return result;
}
