// Reading CSV uploads for imports: a header row, then one record per line. Every import is all
// rows or none, and reports every problem by line and field, so a user can fix the file in one go.
import { parse } from 'csv-parse/sync';
import { defineErrors, problem } from './errors.ts';

export const csvErrors = defineErrors({
  import_rejected: { status: 422, title: 'The file has errors; nothing was imported' },
});

export interface CsvRecord {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export interface RowError {
  line: number;
  field: string;
  message: string;
}

export const MAX_IMPORT_ROWS = 20_000;

export function readCsv(text: string, columns: { required: string[]; optional: string[] }): CsvRecord[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw problem('import_rejected', 'The file is not valid CSV.', {
      errors: [{ line: e.lines ?? 1, field: '', message: e.message }],
    });
  }
  const header = records[0]
    ? Object.keys(records[0].record)
    : (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((h) => h.trim());
  const known = new Set([...columns.required, ...columns.optional]);
  const headerErrors: RowError[] = [
    ...columns.required
      .filter((c) => !header.includes(c))
      .map((c) => ({ line: 1, field: c, message: 'column is missing' })),
    ...header.filter((h) => !known.has(h)).map((h) => ({ line: 1, field: h, message: 'unknown column' })),
  ];
  if (headerErrors.length)
    throw problem('import_rejected', 'The header row is not right.', { errors: headerErrors });
  if (!records.length)
    throw problem('import_rejected', 'The file has no rows.', {
      errors: [{ line: 2, field: '', message: 'no rows' }],
    });
  if (records.length > MAX_IMPORT_ROWS) {
    throw problem('import_rejected', `At most ${MAX_IMPORT_ROWS} rows per file.`, {
      errors: [{ line: MAX_IMPORT_ROWS + 2, field: '', message: 'too many rows' }],
    });
  }
  return records.map((r) => ({ line: r.info.lines, values: r.record }));
}

export function rejectIfErrors(errors: RowError[]): void {
  if (!errors.length) return;
  errors.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
  throw problem(
    'import_rejected',
    `${errors.length} problem${errors.length === 1 ? '' : 's'} found; nothing was imported.`,
    {
      errors,
    },
  );
}
