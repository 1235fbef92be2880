// Splits a raw element string (what a scanner transmits) into fields. Predefined-length AIs are
// cut at their fixed length; every other AI runs to the next FNC1 separator or the end of the data.
import {
  type AiDefinition,
  aiDefinition,
  aiLengthForPrefix,
  fixedDataLength,
  isAiPrefix,
} from './ai-table.ts';
import type { Field } from './element.ts';
import { Gs1Error, show } from './errors.ts';
import { separatorLength } from './separators.ts';

function readAi(input: string, start: number, end: number): AiDefinition {
  let stop = start;
  while (stop < end && stop - start < 4 && separatorLength(input, stop, end) === 0) stop++;
  const available = input.slice(start, stop);
  const length = aiLengthForPrefix(available.slice(0, 2));
  const text = length === undefined ? available.slice(0, 2) : available.slice(0, length);
  const definition = aiDefinition(text);
  if (definition) return definition;
  if ((length === undefined || text.length < length) && text.length < 4 && isAiPrefix(text)) {
    const where = stop === end ? 'the input ends' : 'an FNC1 separator follows';
    throw new Gs1Error(
      'truncated',
      `application identifier ${show(text)} at position ${start} is incomplete: ${where}`,
      { position: start },
    );
  }
  throw new Gs1Error('unknown_ai', `unknown application identifier ${show(text)} at position ${start}`, {
    ai: text,
    position: start,
  });
}

export function* splitRaw(input: string, start: number, end: number): Generator<Field> {
  let i = start;
  while (i < end) {
    if (separatorLength(input, i, end) > 0) {
      throw new Gs1Error('bad_syntax', `unexpected FNC1 separator at position ${i}: no element precedes it`, {
        position: i,
      });
    }
    const aiPosition = i;
    const definition = readAi(input, i, end);
    const { ai } = definition;
    i += ai.length;
    const valueStart = i;
    const positionOf = (index: number) => valueStart + index;
    const fixedLength = definition.predefinedLength ? fixedDataLength(definition) : undefined;

    if (fixedLength !== undefined) {
      let taken = 0;
      while (taken < fixedLength && i + taken < end && separatorLength(input, i + taken, end) === 0) taken++;
      if (taken < fixedLength) {
        const cause = i + taken === end ? '' : ' before an FNC1 separator';
        throw new Gs1Error('truncated', `AI ${ai} needs ${fixedLength} digits, got ${taken}${cause}`, {
          ai,
          position: aiPosition,
        });
      }
      yield { definition, raw: input.slice(i, i + fixedLength), aiPosition, positionOf };
      i += fixedLength;
      // FNC1 after a predefined-length field is superfluous but some printers emit it anyway.
      i += separatorLength(input, i, end);
    } else {
      let stop = i;
      while (stop < end && separatorLength(input, stop, end) === 0) stop++;
      yield { definition, raw: input.slice(i, stop), aiPosition, positionOf };
      i = stop + separatorLength(input, stop, end);
    }
  }
}
