// A list read from the API shown as a table, inside the usual loading, failed and empty states.
import type { ReactNode } from 'react';
import { QueryState } from './QueryState.tsx';

interface ListQuery<T> {
  isPending: boolean;
  error: unknown;
  data: { data: T[] } | undefined;
  refetch: () => unknown;
}

interface QueryTableProps<T> {
  query: ListQuery<T>;
  empty: ReactNode;
  /** Column headings; an empty string for a column without one. */
  headers: string[];
  /** One `<tr>` (with its key) a row. */
  row: (row: T) => ReactNode;
  /** What comes below the table, e.g. a pager. */
  children?: ReactNode;
}

export function QueryTable<T>({ query, empty, headers, row, children }: QueryTableProps<T>) {
  return (
    <QueryState
      isPending={query.isPending}
      error={query.error}
      isEmpty={query.data?.data.length === 0}
      empty={empty}
      onRetry={() => query.refetch()}
    >
      <table>
        <thead>
          <tr>
            {headers.map((h, i) =>
              // biome-ignore lint/suspicious/noArrayIndexKey: headings are fixed and may be empty
              h ? <th key={i}>{h}</th> : <th key={i} />,
            )}
          </tr>
        </thead>
        <tbody>{query.data?.data.map(row)}</tbody>
      </table>
      {children}
    </QueryState>
  );
}
