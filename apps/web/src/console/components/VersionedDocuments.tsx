// BOMs and routings are both versioned documents per item: a list filtered by SKU and paged with the
// API's cursors, a version badge, "Make active" for an older version, and a form that adds a new
// version with a list of draft rows.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { messageOf } from '../problem.ts';
import type { Page } from '../types.ts';
import { CursorPager, useCursorPaging } from './CursorPager.tsx';
import { Field } from './Field.tsx';
import { formatTime } from './format.ts';
import { PageHeader } from './PageHeader.tsx';
import { QueryState } from './QueryState.tsx';
import { useDebounced } from './useDebounced.ts';

export interface VersionedDocument {
  id: string;
  sku: string;
  version: number;
  active: boolean;
  createdAt: string;
}

export interface DocumentColumn<T> {
  header: string;
  className?: string;
  cell: (doc: T) => ReactNode;
}

interface VersionedDocumentsPageProps<T> {
  title: string;
  /** API collection and query key, e.g. `boms`. */
  resource: string;
  newLabel: string;
  skuLabel: string;
  skuHeader: string;
  emptyText: string;
  columns: DocumentColumn<T>[];
  renderForm: (onDone: () => void) => ReactNode;
}

export function VersionedDocumentsPage<T extends VersionedDocument>({
  title,
  resource,
  newLabel,
  skuLabel,
  skuHeader,
  emptyText,
  columns,
  renderForm,
}: VersionedDocumentsPageProps<T>) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const canManage = useCan('production.manage');
  const [sku, setSku] = useState('');
  const [creating, setCreating] = useState(false);
  const filter = useDebounced(sku.trim(), 300);
  const paging = useCursorPaging();
  const docs = useQuery({
    queryKey: [resource, filter, paging.cursor],
    queryFn: ({ signal }) =>
      api.get<Page<T>>(`/${resource}`, { sku: filter, cursor: paging.cursor, limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  const activate = useMutation({
    mutationFn: (id: string) => api.post(`/${resource}/${id}/activate`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [resource] }),
  });
  return (
    <>
      <PageHeader
        title={title}
        actions={
          canManage && (
            <button type="button" onClick={() => setCreating(true)}>
              {newLabel}
            </button>
          )
        }
      />
      {creating && renderForm(() => setCreating(false))}
      <search className="filters">
        <Field label={skuLabel}>
          <input
            value={sku}
            onChange={(e) => {
              setSku(e.target.value);
              paging.reset();
            }}
          />
        </Field>
      </search>
      {activate.error && <p role="alert">{messageOf(activate.error)}</p>}
      <QueryState
        isPending={docs.isPending}
        error={docs.error}
        isEmpty={docs.data?.data.length === 0}
        empty={<p>{emptyText}</p>}
        onRetry={() => docs.refetch()}
      >
        <table>
          <thead>
            <tr>
              <th>{skuHeader}</th>
              <th>Version</th>
              {columns.map((c) => (
                <th key={c.header}>{c.header}</th>
              ))}
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {docs.data?.data.map((d) => (
              <tr key={d.id}>
                <td>{d.sku}</td>
                <td>
                  v{d.version} {d.active && <span className="badge">active</span>}
                </td>
                {columns.map((c) => (
                  <td key={c.header} className={c.className}>
                    {c.cell(d)}
                  </td>
                ))}
                <td>{formatTime(d.createdAt)}</td>
                <td>
                  {canManage && !d.active && (
                    <button type="button" onClick={() => activate.mutate(d.id)} disabled={activate.isPending}>
                      Make active
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <CursorPager paging={paging} nextCursor={docs.data?.nextCursor} />
      </QueryState>
    </>
  );
}

interface DraftRowsProps<R> {
  legend: string;
  rows: R[];
  onChange: (rows: R[]) => void;
  /** A new row, given the rows so far. */
  blank: (rows: R[]) => R;
  addLabel: string;
  error?: string;
  children: (row: R, index: number, edit: (change: Partial<R>) => void) => ReactNode;
}

/** A fieldset of editable draft rows, each with "Remove", and an "Add …" button below. */
export function DraftRows<R>({
  legend,
  rows,
  onChange,
  blank,
  addLabel,
  error,
  children,
}: DraftRowsProps<R>) {
  return (
    <fieldset className="plain">
      <legend>{legend}</legend>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id
        <div className="form-row" key={i}>
          {children(row, i, (change) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r))))}
          <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, blank(rows)])}>
        {addLabel}
      </button>
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
