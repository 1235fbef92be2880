// What stock is worth: quantity, value and unit cost per item at its cost method, and the total.
// Items come a page at a time (up to 5,000, by SKU); the total is always the whole workspace's.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CursorPager, useCursorPaging } from '../components/CursorPager.tsx';
import { Field } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useConsoleApi } from '../console-api.ts';
import type { ValuationList } from '../types.ts';

export function ValuationPage() {
  const api = useConsoleApi();
  const [filter, setFilter] = useState('');
  const [hideEmpty, setHideEmpty] = useState(true);
  const paging = useCursorPaging();
  const valuation = useQuery({
    queryKey: ['valuation', paging.cursor],
    queryFn: ({ signal }) => api.get<ValuationList>('/valuation', { cursor: paging.cursor }, signal),
    placeholderData: keepPreviousData,
  });
  const needle = filter.trim().toLowerCase();
  const rows = (valuation.data?.data ?? []).filter(
    (r) => (!hideEmpty || Number(r.qty) !== 0) && (!needle || r.sku.toLowerCase().includes(needle)),
  );
  return (
    <>
      <PageHeader title="Valuation" />
      <search className="filters">
        <Field label="SKU contains">
          <input value={filter} onChange={(e) => setFilter(e.target.value)} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={hideEmpty} onChange={(e) => setHideEmpty(e.target.checked)} /> Hide
          items with no stock
        </label>
      </search>
      <QueryState
        isPending={valuation.isPending}
        error={valuation.error}
        isEmpty={rows.length === 0}
        empty={<p>No stock to value.</p>}
        onRetry={() => valuation.refetch()}
      >
        <p className="total">
          Total value: <strong data-testid="total-value">{valuation.data?.totalValue}</strong>
        </p>
        <table>
          <thead>
            <tr>
              <th>SKU</th>
              <th>Method</th>
              <th className="num">Quantity</th>
              <th className="num">Unit cost</th>
              <th className="num">Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.itemId}>
                <td>{r.sku}</td>
                <td>{r.method}</td>
                <td className="num">{r.qty}</td>
                <td className="num">{r.unitCost ?? '—'}</td>
                <td className="num">{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
      {/* Outside QueryState: a page left empty (filtered here, or emptied since) still pages on. */}
      <CursorPager paging={paging} nextCursor={valuation.data?.nextCursor} />
    </>
  );
}
