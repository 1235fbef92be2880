import { describe, expect, it } from 'vitest';
import { Gs1Error, type Gs1ErrorCode, parseGs1, tryParseGs1 } from './index.ts';

const GS = '\u001d';
const now = new Date('2025-06-15T12:00:00Z');
const parse = (input: string) => parseGs1(input, { now });

/** Runs `fn`, expecting a Gs1Error, and returns it for closer inspection. */
function failure(fn: () => unknown): Gs1Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Gs1Error) return error;
    throw error;
  }
  throw new Error('expected a Gs1Error, but nothing was thrown');
}

function expectCode(input: string, code: Gs1ErrorCode): Gs1Error {
  const error = failure(() => parse(input));
  expect(error.code).toBe(code);
  return error;
}

describe('bracketed form', () => {
  it('reads GTIN, expiry and lot from a bracketed string', () => {
    const result = parse('(01)09506000134352(17)201225(10)ABC123');
    expect(result.form).toBe('bracketed');
    expect(result.gtin).toBe('09506000134352');
    expect(result.expiry).toBe('2020-12-25');
    expect(result.lot).toBe('ABC123');
    expect(result.elements).toEqual([
      { ai: '01', title: 'GTIN', raw: '09506000134352', value: '09506000134352' },
      { ai: '17', title: 'USE BY OR EXPIRY', raw: '201225', value: '2020-12-25' },
      { ai: '10', title: 'BATCH/LOT', raw: 'ABC123', value: 'ABC123' },
    ]);
    expect(result.byAi).toEqual({ '01': '09506000134352', '17': '2020-12-25', '10': 'ABC123' });
  });

  it('takes \\( and \\) as literal brackets inside data', () => {
    expect(parse('(10)AB\\(1\\)').lot).toBe('AB(1)');
  });

  it('rejects a "(" that is never closed', () => {
    const error = expectCode('(01)09506000134352(17201225', 'bad_syntax');
    expect(error.message).toBe("unbalanced '(' at position 18: no matching ')'");
    expect(error.position).toBe(18);
  });

  it('rejects a stray ")" in data', () => {
    const error = expectCode('(01)09506000134352(10)AB)C', 'bad_syntax');
    expect(error.position).toBe(24);
  });

  it('rejects a fixed-length value that is too long', () => {
    expect(expectCode('(17)2012251', 'bad_length').message).toBe('AI 17 needs 6 digits, got 7');
  });
});

describe('raw form', () => {
  it('reads a ]d2 DataMatrix string where fixed-length AIs need no separator and the lot runs to the end', () => {
    const result = parse(']d201095060001343521720122510ABC123');
    expect(result).toMatchObject({
      form: 'raw',
      symbology: ']d2',
      gtin: '09506000134352',
      expiry: '2020-12-25',
      lot: 'ABC123',
    });
  });

  it('reads a ]C1 GS1-128 string with GS ending variable-length fields', () => {
    const result = parse(`]C10109506000134352${GS}10ABC123${GS}21SN-9${GS}17201225`);
    expect(result.symbology).toBe(']C1');
    expect(result.byAi).toEqual({ '01': '09506000134352', '10': 'ABC123', '21': 'SN-9', '17': '2020-12-25' });
  });

  it('reads a ]Q3 GS1 QR string that starts with FNC1', () => {
    const result = parse(`]Q3${GS}0109506000134352${GS}10ABC123`);
    expect(result).toMatchObject({ symbology: ']Q3', gtin: '09506000134352', lot: 'ABC123' });
  });

  it('reads ]e0 DataBar and ]J1 DotCode strings', () => {
    expect(parse(']e00109506000134352').gtin).toBe('09506000134352');
    expect(parse(']J1010950600013435221XYZ').serial).toBe('XYZ');
  });

  it('ends a variable-length field at the end of the string when it is last', () => {
    const result = parse(`0109506000134352${GS}10LOT1${GS}21SERIAL-LAST`);
    expect(result.serial).toBe('SERIAL-LAST');
    expect(result.lot).toBe('LOT1');
  });

  it('accepts the literal text <GS> and the symbol \u241d as separators', () => {
    expect(parse('0109506000134352<GS>10ABC<GS>17201225').byAi).toEqual({
      '01': '09506000134352',
      '10': 'ABC',
      '17': '2020-12-25',
    });
    expect(parse('010950600013435210ABC\u241d17201225').expiry).toBe('2020-12-25');
  });

  it('tolerates a superfluous GS after a predefined-length field', () => {
    expect(parse(`]C10109506000134352${GS}17201225`).expiry).toBe('2020-12-25');
  });

  it('needs a GS after a fixed-length AI outside the predefined-length table (422)', () => {
    expect(parse(`]C142227610ABC`.replace('276', `276${GS}`)).byAi['422']).toBe('276');
    expect(expectCode(']C142227610ABC', 'bad_length').message).toBe('AI 422 needs 3 digits, got 8');
  });

  it('reads a GLN (AI 414, predefined length) with no separator after it', () => {
    expect(parse(']C14149506000134376254EXT').byAi).toEqual({ '414': '9506000134376', '254': 'EXT' });
  });

  it('rejects two separators in a row', () => {
    const error = expectCode(`0109506000134352${GS}10A${GS}${GS}21B`, 'bad_syntax');
    expect(error.position).toBe(21);
  });

  it('reports a string cut off inside a fixed-length field as truncated', () => {
    const error = expectCode(']d20109506000134352172012', 'truncated');
    expect(error.message).toBe('AI 17 needs 6 digits, got 4');
    expect(error.ai).toBe('17');
    expect(error.position).toBe(19);
  });

  it('reports a string cut off inside an application identifier as truncated', () => {
    const error = expectCode(']d201095060001343523', 'truncated');
    expect(error.message).toBe("application identifier '3' at position 19 is incomplete: the input ends");
  });

  it('reports a fixed-length field cut short by a separator as truncated', () => {
    expect(expectCode(`]d20109506000${GS}10A`, 'truncated').message).toBe(
      'AI 01 needs 14 digits, got 8 before an FNC1 separator',
    );
  });
});

describe('GS1 Digital Link', () => {
  it('reads the primary key, a key qualifier and a query attribute, ignoring linkType', () => {
    const result = parse('https://id.gs1.org/01/09506000134352/10/ABC123?17=201225&linkType=gs1:pip');
    expect(result).toMatchObject({ form: 'digital-link', gtin: '09506000134352', lot: 'ABC123' });
    expect(result.expiry).toBe('2020-12-25');
    expect(Object.keys(result.byAi).sort()).toEqual(['01', '10', '17']);
  });

  it('normalises a GTIN-13 to 14 digits and keeps the original as raw', () => {
    const result = parse('https://brand.example.com/01/4006381333931');
    expect(result.gtin).toBe('04006381333931');
    expect(result.elements[0]).toMatchObject({ raw: '4006381333931', value: '04006381333931' });
  });

  it('normalises GTIN-8 and GTIN-12 to 14 digits', () => {
    expect(parse('https://x.example/01/12345670').gtin).toBe('00000012345670');
    expect(parse('https://x.example/01/012345600012').gtin).toBe('00012345600012');
  });

  it('accepts any domain, a path prefix, a trailing slash and a fragment', () => {
    const result = parse(
      'HTTP://shop.example.org/gs1/p/01/09506000134352/22/V1/10/L1/21/S9/?3103=001250#top',
    );
    expect(result.byAi).toMatchObject({ '22': 'V1', '21': 'S9', '3103': '1.250' });
    expect(result.netWeightKg).toBe('1.250');
    expect(expectCode('https://x.example/01/09506000134352/10/L%201', 'bad_characters').ai).toBe('10');
  });

  it('percent-decodes path and query values', () => {
    const result = parse('https://x.example/01/09506000134352/10/AB%2F1%25?21=%41%42');
    expect(result.lot).toBe('AB/1%');
    expect(result.serial).toBe('AB');
  });

  it('rejects a GTIN with a wrong check digit', () => {
    const error = expectCode('https://id.gs1.org/01/09506000134353/10/ABC123', 'bad_check_digit');
    expect(error.ai).toBe('01');
    expect(error.message).toContain('expected 2');
  });

  it('rejects a GTIN-13 with a wrong check digit', () => {
    expectCode('https://id.gs1.org/01/4006381333932', 'bad_check_digit');
  });

  it('rejects key qualifiers out of order', () => {
    expect(expectCode('https://id.gs1.org/01/09506000134352/21/S1/10/L1', 'bad_syntax').message).toContain(
      '22, 10, 21',
    );
  });

  it('rejects a path segment with no value', () => {
    expectCode('https://id.gs1.org/01/09506000134352/10', 'bad_syntax');
  });

  it('rejects an unknown numeric AI in the query string', () => {
    expect(expectCode('https://id.gs1.org/01/09506000134352?98765=1', 'unknown_ai').ai).toBe('98765');
  });

  it('rejects a primary key in the query string', () => {
    expectCode('https://id.gs1.org/01/09506000134352?00=106141411234567897', 'bad_syntax');
  });

  it('validates query attributes like any other field', () => {
    expectCode('https://id.gs1.org/01/09506000134352?17=251301', 'bad_date');
  });

  it('reads an SSCC as primary key', () => {
    expect(parse('https://id.gs1.org/00/106141411234567897').sscc).toBe('106141411234567897');
  });

  it('reads a Digital Link carried in a plain QR Code (]Q1)', () => {
    const result = parse(']Q1https://id.gs1.org/01/09506000134352');
    expect(result).toMatchObject({ form: 'digital-link', symbology: ']Q1', gtin: '09506000134352' });
  });
});

describe('one label, three forms', () => {
  it('gives the same elements whether bracketed, raw or a Digital Link', () => {
    const bracketed = parse('(01)09506000134352(10)ABC123(17)201225');
    const raw = parse(`]d20109506000134352${'10ABC123'}${GS}17201225`);
    const link = parse('https://id.gs1.org/01/09506000134352/10/ABC123?17=201225');
    const { form: _b, ...fromBracketed } = bracketed;
    const { form: _r, symbology: _s, ...fromRaw } = raw;
    const { form: _l, ...fromLink } = link;
    expect(fromRaw).toEqual(fromBracketed);
    expect(fromLink).toEqual(fromBracketed);
    expect([bracketed.form, raw.form, link.form]).toEqual(['bracketed', 'raw', 'digital-link']);
  });
});

describe('decimal and currency AIs', () => {
  it('places the decimal point from the last digit of the AI (3103 → 3 places)', () => {
    const result = parse('(01)09506000134352(3103)001250');
    expect(result.byAi['3103']).toBe('1.250');
    expect(result.netWeightKg).toBe('1.250');
  });

  it('reads 3100 as a whole number and keeps small values exact', () => {
    expect(parse('(01)09506000134352(3100)000125').netWeightKg).toBe('125');
    expect(parse('(01)09506000134352(3105)000007').netWeightKg).toBe('0.00007');
  });

  it('reads a variable-length price with two decimals (3922)', () => {
    const result = parse('(01)09506000134352(30)5(3922)1250');
    expect(result.byAi['3922']).toBe('12.50');
    expect(result.price).toEqual({ amount: '12.50' });
  });

  it('keeps 15-digit amounts exact, beyond floating-point precision', () => {
    expect(parse('(3929)123456789012345').byAi['3929']).toBe('123456.789012345');
  });

  it('splits a currency amount (3912) into ISO 4217 code and amount', () => {
    const result = parse('(8020)INV1(3912)9781250');
    expect(result.elements[1]).toMatchObject({
      value: '978 12.50',
      money: { currency: '978', amount: '12.50' },
    });
    expect(result.amount).toEqual({ currency: '978', amount: '12.50' });
  });

  it('rejects a currency amount with no amount after the currency code', () => {
    expect(expectCode('(3912)978', 'truncated').message).toBe('AI 3912 needs at least 4 digits, got 3');
  });

  it('rejects a decimal position the AI table does not define (3106)', () => {
    expectCode('(01)09506000134352(3106)001250', 'unknown_ai');
  });

  it('rejects two net weights with different decimal places', () => {
    expectCode('(01)09506000134352(3103)001250(3102)000125', 'duplicate_ai');
  });

  it('reads counts as integers from AI 30, falling back to AI 37', () => {
    expect(parse('(01)09506000134352(30)00000012').quantity).toBe('12');
    expect(parse('(00)106141411234567897(02)09506000134352(37)48').quantity).toBe('48');
  });
});

describe('dates', () => {
  it('reads day 00 as the last day of the month, including February in leap and non-leap years', () => {
    expect(parse('(17)240200').expiry).toBe('2024-02-29');
    expect(parse('(17)250200').expiry).toBe('2025-02-28');
    expect(parse('(15)250400').bestBefore).toBe('2025-04-30');
    expect(parse('(11)251200').productionDate).toBe('2025-12-31');
  });

  it('resolves the century within -49..+50 years of now', () => {
    expect(parseGs1('(17)750101', { now }).expiry).toBe('2075-01-01');
    expect(parseGs1('(17)760101', { now }).expiry).toBe('1976-01-01');
    expect(parseGs1('(17)100101', { now: new Date('2060-01-01T00:00:00Z') }).expiry).toBe('2110-01-01');
    expect(parseGs1('(17)990101', { now: new Date('2001-06-01T00:00:00Z') }).expiry).toBe('1999-01-01');
  });

  it('rejects a month outside 01–12 and a day past the end of the month', () => {
    expect(expectCode('(17)251301', 'bad_date').message).toContain('month 13 is not 01–12');
    expect(expectCode('(17)250229', 'bad_date').message).toContain('day 29 does not exist in 2025-02');
    expectCode('(17)250431', 'bad_date');
  });

  it('rejects day 00 where GS1 does not allow it (7006 first freeze date)', () => {
    expectCode('(01)09506000134352(7006)250100', 'bad_date');
  });

  it('reads an expiry date and time (7003) and rejects hour 24', () => {
    expect(parse('(01)09506000134352(7003)2512311330').byAi['7003']).toBe('2025-12-31T13:30');
    expectCode('(01)09506000134352(7003)2512312400', 'bad_date');
  });
});

describe('check digits', () => {
  it('rejects a GTIN with a wrong check digit', () => {
    const error = expectCode('(01)09506000134353(10)A', 'bad_check_digit');
    expect(error.message).toBe("AI 01 '09506000134353' ends in check digit 3, expected 2");
    expect(error.position).toBe(17);
  });

  it('rejects an SSCC with a wrong check digit', () => {
    expect(parse('(00)106141411234567897').sscc).toBe('106141411234567897');
    expect(expectCode('(00)106141411234567898', 'bad_check_digit').ai).toBe('00');
  });

  it('rejects a GLN with a wrong check digit', () => {
    expect(expectCode('(414)9506000134377', 'bad_check_digit').ai).toBe('414');
  });

  it('rejects a content GTIN (02) with a wrong check digit', () => {
    expectCode('(02)04006381333932(37)10', 'bad_check_digit');
  });
});

describe('malformed input', () => {
  it('names an unknown AI and where it is', () => {
    const bracketed = expectCode('(01)09506000134352(5X)1', 'unknown_ai');
    expect(bracketed.message).toBe("unknown application identifier '5X' at position 19");
    expect(bracketed).toMatchObject({ ai: '5X', position: 19 });
    const raw = expectCode(']C1010950600013435250123', 'unknown_ai');
    expect(raw.message).toBe("unknown application identifier '50' at position 19");
  });

  it('rejects a lot longer than 20 characters and accepts exactly 20', () => {
    expect(parse('(10)ABCDEFGHIJKLMNOPQRST').lot).toBe('ABCDEFGHIJKLMNOPQRST');
    const error = expectCode('(10)ABCDEFGHIJKLMNOPQRSTU', 'bad_length');
    expect(error.message).toBe('AI 10 allows at most 20 characters, got 21');
  });

  it('rejects characters outside GS1 character set 82', () => {
    const error = expectCode('(01)09506000134352(10)AB CD', 'bad_characters');
    expect(error.position).toBe(24);
    expectCode('(10)LOT#1', 'bad_characters');
    expectCode('(21)SÉRIE', 'bad_characters');
  });

  it('accepts every punctuation mark of character set 82', () => {
    expect(parse(`(91)!"%&'*+,-./:;<=>?_`).byAi['91']).toBe(`!"%&'*+,-./:;<=>?_`);
  });

  it('rejects a letter in a numeric field', () => {
    const error = expectCode('(01)0950600013435X', 'not_numeric');
    expect(error.position).toBe(17);
  });

  it('rejects an empty value', () => {
    expect(expectCode('(10)(17)251231', 'truncated').message).toBe('AI 10 needs at least 1 character, got 0');
  });

  it('rejects an AI repeated with a different value but keeps an identical repeat once', () => {
    expect(expectCode('(10)A(10)B', 'duplicate_ai').message).toBe(
      "AI 10 'B' at position 6 conflicts with AI 10 'A' given earlier",
    );
    expect(parse('(01)09506000134352(10)A(10)A').elements).toHaveLength(2);
  });

  it('rejects empty input', () => {
    expectCode('', 'empty_input');
    expectCode(' \r\n', 'empty_input');
  });

  it('rejects an impossible piece count in an ITIP (8006)', () => {
    expect(parse('(8006)095060001343520102').byAi['8006']).toBe('095060001343520102');
    expectCode('(8006)095060001343520302', 'bad_value');
  });

  it('throws Gs1Error, an Error subclass', () => {
    const error = failure(() => parse('(01)123'));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('Gs1Error');
  });
});

describe('tryParseGs1', () => {
  it.each(['ABC-123', '4006381333931', 'hello world', '00012345600012', '', ']E04006381333931'])(
    'returns null for %j, which is clearly not GS1',
    (input) => {
      expect(tryParseGs1(input, { now })).toBeNull();
    },
  );

  it('returns null for an ordinary web address, even one with dates in its path', () => {
    expect(tryParseGs1('https://blog.example.com/2024/01/02/post')).toBeNull();
  });

  it.each([
    ['(01)123', 'truncated'],
    ['(99)', 'truncated'],
    ['(5X)1', 'unknown_ai'],
    ['(01)09506000134353', 'bad_check_digit'],
    ['https://id.gs1.org/01/09506000134353', 'bad_check_digit'],
    [']C10109506000134352172012', 'truncated'],
    [']d2hello', 'unknown_ai'],
    [']Q30109506000134352\u001d10é', 'bad_characters'],
    [']e00109506000134353', 'bad_check_digit'],
    ['0109506000134353', 'bad_check_digit'],
  ])('throws for GS1-shaped but malformed %j', (input, code) => {
    const error = failure(() => tryParseGs1(input, { now }));
    expect(error.code).toBe(code);
  });

  it('returns the parse result for valid input', () => {
    expect(tryParseGs1('0109506000134352', { now })?.gtin).toBe('09506000134352');
  });

  it('parses a raw string without markers when the form is given explicitly', () => {
    expect(tryParseGs1('10ABC123', { now })).toBeNull();
    expect(parseGs1('10ABC123', { now, form: 'raw' }).lot).toBe('ABC123');
  });
});
