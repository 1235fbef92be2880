// A detail page: the record named by the route's `:id`, a link back to its list, and the usual
// loading, failed and retry states around it.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useConsoleApi } from '../console-api.ts';
import { QueryState } from './QueryState.tsx';

interface DetailPageProps<T> {
  /** Query key of the record, e.g. `item`. */
  queryKey: string;
  /** API collection, e.g. `/items`; the record is read from `/items/:id`. */
  path: string;
  back: { to: string; label: string };
  children: (record: T) => ReactNode;
}

export function DetailPage<T>({ queryKey, path, back, children }: DetailPageProps<T>) {
  const { id = '' } = useParams();
  const api = useConsoleApi();
  const record = useQuery({
    queryKey: [queryKey, id],
    queryFn: ({ signal }) => api.get<T>(`${path}/${id}`, undefined, signal),
  });
  return (
    <>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
      <QueryState isPending={record.isPending} error={record.error} onRetry={() => record.refetch()}>
        {record.data && children(record.data)}
      </QueryState>
    </>
  );
}
