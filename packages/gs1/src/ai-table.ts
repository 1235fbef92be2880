// The GS1 Application Identifier table: for each AI its title, the components of its data field
// (after the GS1 Barcode Syntax Dictionary), and how the value is to be interpreted. An AI missing
// here is rejected as unknown rather than passed through, because its length — and therefore
// where the next element starts — cannot be known.

export type Charset = 'n' | 'x';

/** Content rules beyond length and character set, named as in the GS1 Syntax Dictionary. */
export type Lint =
  | 'csum'
  | 'yymmdd'
  | 'yymmd0'
  | 'yymmddhh'
  | 'hhmm'
  | 'mmoptss'
  | 'zero'
  | 'iso3166list'
  | 'pieceoftotal';

export interface AiComponent {
  readonly charset: Charset;
  readonly min: number;
  readonly max: number;
  /** A trailing part that may be absent altogether ("[N6]" in the Syntax Dictionary). */
  readonly optional?: boolean;
  readonly lint?: Lint;
}

export type AiKind = 'text' | 'count' | 'date' | 'datetime' | 'date-range' | 'decimal' | 'money';

export interface AiDefinition {
  readonly ai: string;
  readonly title: string;
  readonly components: readonly AiComponent[];
  /**
   * Listed in the GS1 predefined-length table (AIs starting 00–04, 11–20, 31–36, 41): such a field
   * is never followed by FNC1 in a raw string. Every other AI, even one of fixed length such as
   * 422, ends at FNC1 or at the end of the data.
   */
  readonly predefinedLength: boolean;
  readonly kind: AiKind;
  /** Implied decimal places, the AI's last digit (31nn–36nn, 39nn). */
  readonly decimals?: number;
}

type ComponentOptions = Pick<AiComponent, 'optional' | 'lint'>;

const n = (min: number, max = min, options: ComponentOptions = {}): AiComponent => ({
  charset: 'n',
  min,
  max,
  ...options,
});
const x = (min: number, max = min, options: ComponentOptions = {}): AiComponent => ({
  charset: 'x',
  min,
  max,
  ...options,
});

// 23 is listed in older editions of the predefined-length table but its only AI, 235, is X..28
// and needs FNC1, so it is deliberately absent.
const PREDEFINED_PREFIXES = new Set([
  ...['00', '01', '02', '03', '04'],
  ...['11', '12', '13', '14', '15', '16', '17', '18', '19', '20'],
  ...['31', '32', '33', '34', '35', '36', '41'],
]);

const table = new Map<string, AiDefinition>();

function add(ai: string, title: string, components: AiComponent[], kind: AiKind = 'text', decimals?: number) {
  const definition: AiDefinition = {
    ai,
    title,
    components,
    predefinedLength: PREDEFINED_PREFIXES.has(ai.slice(0, 2)),
    kind,
    ...(decimals === undefined ? {} : { decimals }),
  };
  table.set(ai, definition);
}

/** Adds AIs `${family}0`…`${family}${maxDecimals}`, the last digit being the decimal places. */
function addDecimalFamily(
  family: string,
  title: string,
  components: AiComponent[],
  kind: AiKind,
  maxDecimals: number,
) {
  for (let decimals = 0; decimals <= maxDecimals; decimals++) {
    add(`${family}${decimals}`, title, components, kind, decimals);
  }
}

const csum = { lint: 'csum' } as const;

add('00', 'SSCC', [n(18, 18, csum)]);
add('01', 'GTIN', [n(14, 14, csum)]);
add('02', 'CONTENT', [n(14, 14, csum)]);
add('10', 'BATCH/LOT', [x(1, 20)]);
add('11', 'PROD DATE', [n(6, 6, { lint: 'yymmd0' })], 'date');
add('12', 'DUE DATE', [n(6, 6, { lint: 'yymmd0' })], 'date');
add('13', 'PACK DATE', [n(6, 6, { lint: 'yymmd0' })], 'date');
add('15', 'BEST BEFORE or BEST BY', [n(6, 6, { lint: 'yymmd0' })], 'date');
add('16', 'SELL BY', [n(6, 6, { lint: 'yymmd0' })], 'date');
add('17', 'USE BY OR EXPIRY', [n(6, 6, { lint: 'yymmd0' })], 'date');
add('20', 'VARIANT', [n(2)]);
add('21', 'SERIAL', [x(1, 20)]);
add('22', 'CPV', [x(1, 20)]);
add('235', 'TPX', [x(1, 28)]);
add('240', 'ADDITIONAL ID', [x(1, 30)]);
add('241', 'CUST. PART No.', [x(1, 30)]);
add('242', 'MTO VARIANT', [n(1, 6)]);
add('243', 'PCN', [x(1, 20)]);
add('250', 'SECONDARY SERIAL', [x(1, 30)]);
add('251', 'REF. TO SOURCE', [x(1, 30)]);
add('253', 'GDTI', [n(13, 13, csum), x(1, 17, { optional: true })]);
add('254', 'GLN EXTENSION COMPONENT', [x(1, 20)]);
add('255', 'GCN', [n(13, 13, csum), n(1, 12, { optional: true })]);
add('30', 'VAR. COUNT', [n(1, 8)], 'count');

const MEASURES: ReadonlyArray<readonly [string, string]> = [
  ['310', 'NET WEIGHT (kg)'],
  ['311', 'LENGTH (m)'],
  ['312', 'WIDTH (m)'],
  ['313', 'HEIGHT (m)'],
  ['314', 'AREA (m2)'],
  ['315', 'NET VOLUME (l)'],
  ['316', 'NET VOLUME (m3)'],
  ['320', 'NET WEIGHT (lb)'],
  ['321', 'LENGTH (in)'],
  ['322', 'LENGTH (ft)'],
  ['323', 'LENGTH (yd)'],
  ['324', 'WIDTH (in)'],
  ['325', 'WIDTH (ft)'],
  ['326', 'WIDTH (yd)'],
  ['327', 'HEIGHT (in)'],
  ['328', 'HEIGHT (ft)'],
  ['329', 'HEIGHT (yd)'],
  ['330', 'GROSS WEIGHT (kg)'],
  ['331', 'LENGTH (m), log'],
  ['332', 'WIDTH (m), log'],
  ['333', 'HEIGHT (m), log'],
  ['334', 'AREA (m2), log'],
  ['335', 'VOLUME (l), log'],
  ['336', 'VOLUME (m3), log'],
  ['337', 'KG PER m2'],
  ['340', 'GROSS WEIGHT (lb)'],
  ['341', 'LENGTH (in), log'],
  ['342', 'LENGTH (ft), log'],
  ['343', 'LENGTH (yd), log'],
  ['344', 'WIDTH (in), log'],
  ['345', 'WIDTH (ft), log'],
  ['346', 'WIDTH (yd), log'],
  ['347', 'HEIGHT (in), log'],
  ['348', 'HEIGHT (ft), log'],
  ['349', 'HEIGHT (yd), log'],
  ['350', 'AREA (in2)'],
  ['351', 'AREA (ft2)'],
  ['352', 'AREA (yd2)'],
  ['353', 'AREA (in2), log'],
  ['354', 'AREA (ft2), log'],
  ['355', 'AREA (yd2), log'],
  ['356', 'NET WEIGHT (t oz)'],
  ['357', 'NET VOLUME (oz)'],
  ['360', 'NET VOLUME (qt)'],
  ['361', 'NET VOLUME (gal.)'],
  ['362', 'VOLUME (qt), log'],
  ['363', 'VOLUME (gal.), log'],
  ['364', 'VOLUME (in3)'],
  ['365', 'VOLUME (ft3)'],
  ['366', 'VOLUME (yd3)'],
  ['367', 'VOLUME (in3), log'],
  ['368', 'VOLUME (ft3), log'],
  ['369', 'VOLUME (yd3), log'],
];
for (const [family, title] of MEASURES) addDecimalFamily(family, title, [n(6)], 'decimal', 5);

add('37', 'COUNT', [n(1, 8)], 'count');
addDecimalFamily('390', 'AMOUNT', [n(1, 15)], 'money', 9);
addDecimalFamily('391', 'AMOUNT', [n(3), n(1, 15)], 'money', 9);
addDecimalFamily('392', 'PRICE', [n(1, 15)], 'money', 9);
addDecimalFamily('393', 'PRICE', [n(3), n(1, 15)], 'money', 9);
addDecimalFamily('394', 'PRCNT OFF', [n(4)], 'decimal', 3);
addDecimalFamily('395', 'PRICE/UoM', [n(6)], 'decimal', 5);

add('400', 'ORDER NUMBER', [x(1, 30)]);
add('401', 'GINC', [x(1, 30)]);
add('402', 'GSIN', [n(17, 17, csum)]);
add('403', 'ROUTE', [x(1, 30)]);
add('410', 'SHIP TO LOC', [n(13, 13, csum)]);
add('411', 'BILL TO', [n(13, 13, csum)]);
add('412', 'PURCHASE FROM', [n(13, 13, csum)]);
add('413', 'SHIP FOR LOC', [n(13, 13, csum)]);
add('414', 'LOC No.', [n(13, 13, csum)]);
add('415', 'PAY TO', [n(13, 13, csum)]);
add('416', 'PROD/SERV LOC', [n(13, 13, csum)]);
add('417', 'PARTY', [n(13, 13, csum)]);
add('420', 'SHIP TO POST', [x(1, 20)]);
add('421', 'SHIP TO POST', [n(3), x(1, 9)]);
add('422', 'ORIGIN', [n(3)]);
add('423', 'COUNTRY - INITIAL PROCESS', [n(1, 15, { lint: 'iso3166list' })]);
add('424', 'COUNTRY - PROCESS', [n(3)]);
add('425', 'COUNTRY - DISASSEMBLY', [n(1, 15, { lint: 'iso3166list' })]);
add('426', 'COUNTRY - FULL PROCESS', [n(3)]);
add('427', 'ORIGIN SUBDIVISION', [x(1, 3)]);

add('7001', 'NSN', [n(13)]);
add('7002', 'MEAT CUT', [x(1, 30)]);
add('7003', 'EXPIRY TIME', [n(6, 6, { lint: 'yymmdd' }), n(4, 4, { lint: 'hhmm' })], 'datetime');
add('7004', 'ACTIVE POTENCY', [n(1, 4)]);
add('7005', 'CATCH AREA', [x(1, 12)]);
add('7006', 'FIRST FREEZE DATE', [n(6, 6, { lint: 'yymmdd' })], 'date');
add(
  '7007',
  'HARVEST DATE',
  [n(6, 6, { lint: 'yymmdd' }), n(6, 6, { lint: 'yymmdd', optional: true })],
  'date-range',
);
add('7008', 'AQUATIC SPECIES', [x(1, 3)]);
add('7009', 'FISHING GEAR TYPE', [x(1, 10)]);
add('7010', 'PROD METHOD', [x(1, 2)]);
add('7240', 'PROTOCOL', [x(1, 20)]);

add('8002', 'CMT No.', [x(1, 20)]);
add('8003', 'GRAI', [n(1, 1, { lint: 'zero' }), n(13, 13, csum), x(1, 16, { optional: true })]);
add('8004', 'GIAI', [x(1, 30)]);
add('8005', 'PRICE PER UNIT', [n(6)]);
add('8006', 'ITIP', [n(14, 14, csum), n(4, 4, { lint: 'pieceoftotal' })]);
add(
  '8008',
  'PROD TIME',
  [n(8, 8, { lint: 'yymmddhh' }), n(1, 4, { optional: true, lint: 'mmoptss' })],
  'datetime',
);
add('8012', 'VERSION', [x(1, 20)]);
add('8017', 'GSRN - PROVIDER', [n(18, 18, csum)]);
add('8018', 'GSRN - RECIPIENT', [n(18, 18, csum)]);
add('8019', 'SRIN', [n(1, 10)]);
add('8020', 'REF No.', [x(1, 25)]);
add('8026', 'ITIP CONTENT', [n(14, 14, csum), n(4, 4, { lint: 'pieceoftotal' })]);
add('8200', 'PRODUCT URL', [x(1, 70)]);

add('90', 'INTERNAL', [x(1, 30)]);
for (let internal = 91; internal <= 99; internal++) add(String(internal), 'INTERNAL', [x(1, 90)]);

// GS1 fixes an AI's length by its first two digits; raw strings depend on that to know where the
// AI stops and its data begins.
const aiLengthByPrefix = new Map<string, number>();
for (const ai of table.keys()) aiLengthByPrefix.set(ai.slice(0, 2), ai.length);

export function aiDefinition(ai: string): AiDefinition | undefined {
  return table.get(ai);
}

export function allAiDefinitions(): AiDefinition[] {
  return [...table.values()];
}

/** Number of digits in every AI starting with this two-character prefix, if any AI does. */
export function aiLengthForPrefix(prefix: string): number | undefined {
  return aiLengthByPrefix.get(prefix);
}

/** True when some known AI begins with `text` — used to tell a cut-off AI from an unknown one. */
export function isAiPrefix(text: string): boolean {
  for (const ai of table.keys()) if (ai.startsWith(text)) return true;
  return false;
}

/** Total data length of a field whose components are all fixed. */
export function fixedDataLength(definition: AiDefinition): number | undefined {
  let total = 0;
  for (const component of definition.components) {
    if (component.optional || component.min !== component.max) return undefined;
    total += component.min;
  }
  return total;
}
