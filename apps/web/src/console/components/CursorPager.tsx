// Lists page with the API's opaque cursors: we remember the cursors we came through so Previous
// works without the server supporting backwards paging.
import { useCallback, useState } from 'react';

export interface CursorPaging {
  cursor: string | undefined;
  pageNumber: number;
  next: (cursor: string) => void;
  previous: () => void;
  reset: () => void;
}

export function useCursorPaging(): CursorPaging {
  const [stack, setStack] = useState<string[]>([]);
  const next = useCallback((cursor: string) => setStack((s) => [...s, cursor]), []);
  const previous = useCallback(() => setStack((s) => s.slice(0, -1)), []);
  const reset = useCallback(() => setStack([]), []);
  return { cursor: stack.at(-1), pageNumber: stack.length + 1, next, previous, reset };
}

export function CursorPager({
  paging,
  nextCursor,
}: {
  paging: CursorPaging;
  nextCursor: string | null | undefined;
}) {
  if (paging.pageNumber === 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" onClick={paging.previous} disabled={paging.pageNumber === 1}>
        ← Previous
      </button>
      <span>Page {paging.pageNumber}</span>
      <button type="button" onClick={() => nextCursor && paging.next(nextCursor)} disabled={!nextCursor}>
        Next →
      </button>
    </nav>
  );
}
