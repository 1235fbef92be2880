// Reads GS1 Digital Link URIs (uncompressed): a primary key and its qualifiers as path segments,
// e.g. /01/09506000134352/10/ABC, and further AIs as query parameters. Any domain and any path
// prefix before the key are allowed; non-numeric query parameters (linkType, utm_*) are not GS1
// data and are skipped.
import { type AiDefinition, aiDefinition } from './ai-table.ts';
import type { Field } from './element.ts';
import { Gs1Error, show } from './errors.ts';

interface PrimaryKey {
  /**
   * What the key's value must look like for the URL to count as a Digital Link at all; it is
   * deliberately loose enough that a wrong check digit is still reported as such, but strict
   * enough that a blog path like /2024/01/02/ is not taken for a GTIN.
   */
  readonly looksLike: RegExp;
  /** Allowed qualifier sequences: qualifiers are optional, but must keep this order. */
  readonly qualifiers: ReadonlyArray<readonly string[]>;
}

const PRIMARY_KEYS = new Map<string, PrimaryKey>([
  ['00', { looksLike: /^\d{18}$/, qualifiers: [] }],
  ['01', { looksLike: /^(\d{8}|\d{12,14})$/, qualifiers: [['22', '10', '21'], ['235']] }],
  ['253', { looksLike: /^\d{13}/, qualifiers: [] }],
  ['255', { looksLike: /^\d{13}/, qualifiers: [] }],
  ['401', { looksLike: /^\d{4}/, qualifiers: [] }],
  ['402', { looksLike: /^\d{17}$/, qualifiers: [] }],
  ['414', { looksLike: /^\d{13}$/, qualifiers: [['254']] }],
  ['415', { looksLike: /^\d{13}$/, qualifiers: [['8020']] }],
  ['417', { looksLike: /^\d{13}$/, qualifiers: [] }],
  ['8003', { looksLike: /^\d{14}/, qualifiers: [] }],
  ['8004', { looksLike: /^\d{4}/, qualifiers: [] }],
  ['8006', { looksLike: /^\d{18}$/, qualifiers: [['22', '10', '21']] }],
  ['8017', { looksLike: /^\d{18}$/, qualifiers: [['8019']] }],
  ['8018', { looksLike: /^\d{18}$/, qualifiers: [['8019']] }],
]);

const URL_PATTERN = /^https?:\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i;

export function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Gs1Error('bad_syntax', `invalid percent-encoding in Digital Link component ${show(text)}`);
  }
}

function known(ai: string, where: string): AiDefinition {
  const definition = aiDefinition(ai);
  if (definition) return definition;
  throw new Gs1Error(
    'unknown_ai',
    `unknown application identifier ${show(ai)} in the Digital Link ${where}`,
    {
      ai,
    },
  );
}

function fitsSequence(keys: readonly string[], sequence: readonly string[]): boolean {
  let from = 0;
  for (const key of keys) {
    const found = sequence.indexOf(key, from);
    if (found === -1) return false;
    from = found + 1;
  }
  return true;
}

/** A GTIN-8/12/13 is padded to 14 digits so every form yields the same AI 01 value. */
function normalise(ai: string, raw: string): string | undefined {
  return ai === '01' && /^(\d{8}|\d{12,13})$/.test(raw) ? raw.padStart(14, '0') : undefined;
}

function field(definition: AiDefinition, raw: string): Field {
  const data = normalise(definition.ai, raw);
  return { definition, raw, ...(data === undefined ? {} : { data }), positionOf: () => undefined };
}

export function* splitDigitalLink(input: string, start: number, end: number): Generator<Field> {
  const url = input.slice(start, end);
  const match = URL_PATTERN.exec(url);
  if (!match) throw new Gs1Error('not_gs1', `not a GS1 Digital Link: ${show(url)} is not an http(s) URL`);
  const path = match[2] ?? '';
  const query = match[3] ?? '';

  const segments = path.split('/').slice(1).map(decode);
  if (segments.at(-1) === '') segments.pop();
  const keyIndex = segments.findIndex((segment, index) => {
    const value = segments[index + 1];
    return value !== undefined && PRIMARY_KEYS.get(segment)?.looksLike.test(value) === true;
  });
  if (keyIndex === -1) {
    throw new Gs1Error(
      'not_gs1',
      'not a GS1 Digital Link: no primary key such as /01/<GTIN> in the URL path',
    );
  }

  const pairs: Array<[string, string]> = [];
  for (let i = keyIndex; i < segments.length; i += 2) {
    const key = segments[i] ?? '';
    const value = segments[i + 1];
    if (value === undefined) {
      throw new Gs1Error('bad_syntax', `Digital Link path segment ${show(key)} has no value after it`);
    }
    pairs.push([key, value]);
  }
  const [primary, ...qualifiers] = pairs;
  if (!primary) throw new Gs1Error('bad_syntax', 'Digital Link path has no primary key');
  const allowedSequences = PRIMARY_KEYS.get(primary[0])?.qualifiers ?? [];
  const qualifierKeys = qualifiers.map(([key]) => key);
  if (
    qualifierKeys.length > 0 &&
    !allowedSequences.some((sequence) => fitsSequence(qualifierKeys, sequence))
  ) {
    const allowed = allowedSequences.map((sequence) => sequence.join(', ')).join(' or ') || 'none';
    throw new Gs1Error(
      'bad_syntax',
      `Digital Link path after AI ${primary[0]} has /${qualifierKeys.join('/')}, but its key qualifiers are ${allowed} (optional, in that order)`,
      { ai: primary[0] },
    );
  }
  for (const [key, value] of pairs) yield field(known(key, 'path'), value);

  for (const parameter of query.split('&')) {
    if (parameter === '') continue;
    const equals = parameter.indexOf('=');
    const key = decode(equals === -1 ? parameter : parameter.slice(0, equals));
    if (!/^\d+$/.test(key)) continue;
    const definition = known(key, 'query string');
    if (PRIMARY_KEYS.has(key)) {
      throw new Gs1Error(
        'bad_syntax',
        `primary key AI ${key} belongs in the Digital Link path, not the query string`,
        {
          ai: key,
        },
      );
    }
    yield field(definition, decode(equals === -1 ? '' : parameter.slice(equals + 1)));
  }
}
