// A list the API searches (`q`) and pages with cursors (50 a page), and its search box, which goes
// back to the first page whenever the search changes.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useConsoleApi } from '../console-api.ts';
import type { Page } from '../types.ts';
import { type CursorPaging, useCursorPaging } from './CursorPager.tsx';
import { Field } from './Field.tsx';

/** `resource` is both the API collection (`/items`) and the query key (`items`). */
export function useSearchedList<T>(resource: string) {
  const api = useConsoleApi();
  const [search, setSearch] = useState('');
  const paging = useCursorPaging();
  const list = useQuery({
    queryKey: [resource, search, paging.cursor],
    queryFn: ({ signal }) =>
      api.get<Page<T>>(`/${resource}`, { q: search, cursor: paging.cursor, limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  return { search, setSearch, paging, list };
}

export function SearchFilter({
  label,
  search,
  setSearch,
  paging,
}: {
  label: string;
  search: string;
  setSearch: (search: string) => void;
  paging: CursorPaging;
}) {
  return (
    <search className="filters">
      <Field label={label}>
        <input
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            paging.reset();
          }}
        />
      </Field>
    </search>
  );
}
