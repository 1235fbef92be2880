// Splits the human-readable form "(01)09506000134352(10)ABC" into fields. Brackets are syntax,
// so a bracket that belongs to the data must be escaped as "\(" or "\)"; an unescaped one is
// reported instead of guessing whether it starts the next AI.
import { aiDefinition } from './ai-table.ts';
import type { Field } from './element.ts';
import { Gs1Error, show } from './errors.ts';

export function* splitBracketed(input: string, start: number, end: number): Generator<Field> {
  let i = start;
  if (input.charAt(i) !== '(') {
    throw new Gs1Error(
      'bad_syntax',
      `a bracketed element string must start with '(', got ${show(input.charAt(i))}`,
      {
        position: i,
      },
    );
  }
  while (i < end) {
    const close = input.indexOf(')', i + 1);
    const nextOpen = input.indexOf('(', i + 1);
    if (close === -1 || close >= end || (nextOpen !== -1 && nextOpen < close)) {
      throw new Gs1Error('bad_syntax', `unbalanced '(' at position ${i}: no matching ')'`, { position: i });
    }
    const aiText = input.slice(i + 1, close);
    const definition = aiDefinition(aiText);
    if (aiText === '') throw new Gs1Error('bad_syntax', `empty brackets at position ${i}`, { position: i });
    if (!definition) {
      throw new Gs1Error(
        'unknown_ai',
        `unknown application identifier ${show(aiText)} at position ${i + 1}`,
        {
          ai: aiText,
          position: i + 1,
        },
      );
    }

    let raw = '';
    const offsets: number[] = [];
    let k = close + 1;
    while (k < end) {
      const char = input.charAt(k);
      if (char === '(') break;
      if (char === ')') {
        throw new Gs1Error(
          'bad_syntax',
          `unbalanced ')' at position ${k}; write '\\)' for a bracket that is part of AI ${definition.ai}'s data`,
          { ai: definition.ai, position: k },
        );
      }
      const next = input.charAt(k + 1);
      if (char === '\\' && (next === '(' || next === ')') && k + 1 < end) {
        raw += next;
        offsets.push(k + 1);
        k += 2;
        continue;
      }
      raw += char;
      offsets.push(k);
      k++;
    }
    yield { definition, raw, aiPosition: i + 1, positionOf: (index) => offsets[index] };
    i = k;
  }
}
