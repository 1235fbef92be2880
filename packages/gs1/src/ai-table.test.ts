import { describe, expect, it } from 'vitest';
import { aiLengthForPrefix, allAiDefinitions, fixedDataLength } from './ai-table.ts';
import { formatDecimal } from './decimal.ts';
import { aiDefinition } from './index.ts';

describe('AI table', () => {
  it('gives every predefined-length AI a fixed length, as raw parsing requires', () => {
    for (const definition of allAiDefinitions().filter((d) => d.predefinedLength)) {
      expect(fixedDataLength(definition), definition.ai).toBeDefined();
    }
  });

  it('marks exactly the AIs starting 00–04, 11–20, 31–36 and 41 as predefined length', () => {
    const predefined = (ai: string) => aiDefinition(ai)?.predefinedLength;
    expect(['00', '01', '02', '11', '17', '20', '3103', '3922'].map(predefined)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(['410', '414', '417', '10', '21', '235', '422', '7003', '8006'].map(predefined)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('lets only the last component vary in length or be absent', () => {
    for (const definition of allAiDefinitions()) {
      definition.components.slice(0, -1).forEach((component) => {
        expect(component.min === component.max && !component.optional, definition.ai).toBe(true);
      });
    }
  });

  it('uses one AI length for every AI sharing a two-digit prefix', () => {
    for (const definition of allAiDefinitions()) {
      expect(aiLengthForPrefix(definition.ai.slice(0, 2)), definition.ai).toBe(definition.ai.length);
    }
  });

  it('has the lengths and formats the GS1 General Specifications give', () => {
    const shape = (ai: string) =>
      aiDefinition(ai)?.components.map((c) => `${c.charset}${c.min === c.max ? c.min : `..${c.max}`}`);
    expect(shape('00')).toEqual(['n18']);
    expect(shape('01')).toEqual(['n14']);
    expect(shape('10')).toEqual(['x..20']);
    expect(shape('17')).toEqual(['n6']);
    expect(shape('30')).toEqual(['n..8']);
    expect(shape('3103')).toEqual(['n6']);
    expect(shape('3912')).toEqual(['n3', 'n..15']);
    expect(shape('414')).toEqual(['n13']);
    expect(shape('7003')).toEqual(['n6', 'n4']);
    expect(shape('90')).toEqual(['x..30']);
    expect(shape('95')).toEqual(['x..90']);
    expect(aiDefinition('3103')?.decimals).toBe(3);
    expect(aiDefinition('3106')).toBeUndefined();
  });

  it('covers the measure families 310n–369n with 0–5 decimals', () => {
    for (const family of ['310', '311', '312', '313', '314', '315', '316', '320', '330', '337', '369']) {
      for (let d = 0; d <= 5; d++) expect(aiDefinition(`${family}${d}`)?.decimals, `${family}${d}`).toBe(d);
    }
  });
});

describe('formatDecimal', () => {
  it('inserts the decimal point without losing trailing zeros', () => {
    expect(formatDecimal('001250', 3)).toBe('1.250');
    expect(formatDecimal('1250', 2)).toBe('12.50');
    expect(formatDecimal('5', 2)).toBe('0.05');
    expect(formatDecimal('000000', 2)).toBe('0.00');
    expect(formatDecimal('000125', 0)).toBe('125');
  });
});
