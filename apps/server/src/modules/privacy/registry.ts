// The personal-data registry. Every module that stores anything about a person declares it here
// (modules/<m>/personal-data.ts, loaded by modules/registry.ts): which tables and columns, in which
// category, who may see them, how long they are kept, and one function that copies a person's data
// out and one that erases it. Export, erasure, the catalog lint and docs/privacy.md all read this
// one list, so a new module cannot store personal data that the data-rights features miss.
import type { Tx } from '../../db/tenant.ts';

export const PERSONAL_CATEGORIES = ['identity', 'contact', 'employment', 'device', 'usage'] as const;
export type PersonalCategory = (typeof PERSONAL_CATEGORIES)[number];

export const CATEGORY_MEANING: Record<PersonalCategory, string> = {
  identity: 'who the person is: name, sign-in email, credentials',
  contact: 'how to reach them: phone, addresses',
  employment: 'their role and standing in the workspace',
  device: 'the phones, scanners and browsers they used, and network addresses',
  usage: 'what they did: bookings, scans, production steps, audit events, requests',
};

export interface PersonalColumn {
  category: PersonalCategory;
  description: string;
}

export interface TableDeclaration {
  table: string;
  /** One sentence for docs/privacy.md. */
  purpose: string;
  /** Columns that tie a row to a person (their user id). Erasure keeps these: the id is pseudonymous. */
  subject: readonly string[];
  personal: Readonly<Record<string, PersonalColumn>>;
  /** Columns whose names look personal but are not, each with the reason. */
  notPersonal?: Readonly<Record<string, string>>;
  retention: string;
  visibleTo: string;
  onErasure: string;
}

export interface Subject {
  tenantId: string;
  userId: string;
}

export interface ErasureSubject extends Subject {
  /** The sign-in email and name before erasure, for removing copies of them (stored responses, messages). */
  email: string;
  name: string;
  /** What remains as the person's name: "Former user 7f3a". */
  pseudonym: string;
}

export type ExportRow = Record<string, string | number | boolean | null | readonly string[]>;

export interface ExportSection {
  /** File name stem in the ZIP: `<name>.json` and `<name>.csv`. */
  name: string;
  category: PersonalCategory;
  description: string;
  rows: ExportRow[];
}

export interface PersonalDataDeclaration {
  module: string;
  tables: readonly TableDeclaration[];
  /** Everything the module holds about the subject; nothing about anyone else. */
  export?: (tx: Tx, subject: Subject) => Promise<ExportSection[]>;
  /** Removes or anonymises the subject's personal fields; returns rows touched per table. */
  erase?: (tx: Tx, subject: ErasureSubject) => Promise<Record<string, number>>;
}

/** Tables that hold nothing personal but have columns whose names look personal. */
export interface NotPersonalDeclaration {
  module: string;
  table: string;
  columns: Readonly<Record<string, string>>;
}

const declarations = new Map<string, PersonalDataDeclaration>();
const notPersonal: NotPersonalDeclaration[] = [];

export function definePersonalData(declaration: PersonalDataDeclaration): PersonalDataDeclaration {
  if (declarations.has(declaration.module)) {
    throw new Error(`personal data of module ${declaration.module} declared twice`);
  }
  declarations.set(declaration.module, declaration);
  return declaration;
}

/** Removes a declaration again; only tests that register a probe module use this. */
export function forgetPersonalData(module: string): void {
  declarations.delete(module);
}

export function declareNotPersonal(module: string, table: string, columns: Record<string, string>): void {
  notPersonal.push({ module, table, columns });
}

export function personalDataDeclarations(): PersonalDataDeclaration[] {
  return [...declarations.values()].sort((a, b) => a.module.localeCompare(b.module));
}

export function notPersonalDeclarations(): NotPersonalDeclaration[] {
  return [...notPersonal].sort((a, b) => a.table.localeCompare(b.table));
}

/** Formats a value read from the database for a JSON/CSV export. */
export function exportValue(value: unknown): ExportRow[string] {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return JSON.stringify(value);
}

export function exportRows(rows: readonly Record<string, unknown>[]): ExportRow[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, exportValue(v)])));
}
