// Uploads a CSV to an all-or-nothing import endpoint. When any row is wrong the server imports
// nothing and names every bad row and field; those are shown inline as a table to fix the file by.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useConsoleApi } from '../console-api.ts';
import { fieldErrorsOf, ProblemError } from '../problem.ts';
import type { ImportError } from '../types.ts';
import { Field } from './Field.tsx';

interface CsvImportFormProps {
  title: string;
  path: string;
  columns: ReactNode;
  noun: string;
  onImported: () => void;
  onClose: () => void;
}

export function CsvImportForm({ title, path, columns, noun, onImported, onClose }: CsvImportFormProps) {
  const api = useConsoleApi();
  const [csv, setCsv] = useState('');
  const [fileError, setFileError] = useState<string | undefined>();
  const [rowErrors, setRowErrors] = useState<ImportError[]>([]);
  const [imported, setImported] = useState<number | null>(null);
  const run = useMutation({
    mutationFn: () => api.post<{ imported: number }>(path, { csv }),
    onSuccess: (result) => {
      setImported(result.imported);
      setRowErrors([]);
      onImported();
    },
    onError: (error) => {
      const rows = error instanceof ProblemError ? (error.problem.errors ?? []) : [];
      const lines = rows.flatMap((r) =>
        typeof r.line === 'number' ? [{ line: r.line, field: r.field ?? '', message: r.message }] : [],
      );
      setRowErrors(lines);
      setFileError(lines.length ? undefined : (fieldErrorsOf(error).csv ?? fieldErrorsOf(error)._form));
    },
  });
  async function readFile(file: File | undefined) {
    if (file) setCsv(await file.text());
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    setImported(null);
    setRowErrors([]);
    if (!csv.trim()) {
      setFileError('Choose a CSV file or paste its text.');
      return;
    }
    setFileError(undefined);
    run.mutate();
  }
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <p className="hint">{columns} All rows are checked first; nothing is imported if any row is wrong.</p>
      <Field label="CSV file">
        <input type="file" accept=".csv,text/csv" onChange={(e) => readFile(e.target.files?.[0])} />
      </Field>
      <Field label="CSV text" error={fileError}>
        <textarea rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} spellCheck={false} />
      </Field>
      {rowErrors.length > 0 && (
        <div role="alert" className="import-errors">
          <p>
            {rowErrors.length} {rowErrors.length === 1 ? 'problem' : 'problems'} found; nothing was imported.
          </p>
          <table aria-label="Import errors">
            <thead>
              <tr>
                <th>Line</th>
                <th>Field</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {rowErrors.map((r) => (
                <tr key={`${r.line}-${r.field}-${r.message}`}>
                  <td>{r.line}</td>
                  <td>{r.field}</td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {imported !== null && (
        <p role="status">
          Imported {imported} {noun}.
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="submit" disabled={run.isPending}>
          {run.isPending ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
