// Stock on hand by item, location and lot, with filters and a CSV export of exactly what is shown.
// The API answers a page at a time (up to 5,000 balances); the pager reaches every further page.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CsvImportForm } from '../components/CsvImportForm.tsx';
import { CursorPager, useCursorPaging } from '../components/CursorPager.tsx';
import { Field } from '../components/Field.tsx';
import { downloadBlob } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useDebounced } from '../components/useDebounced.ts';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import type { Page, StockRow } from '../types.ts';

function csvCell(value: string | null): string {
  const text = value ?? '';
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function stockCsv(rows: StockRow[]): string {
  const head = 'sku,name,location,lot,expiry,qty,uom';
  const body = rows.map((r) =>
    [r.sku, r.name, r.location, r.lot, r.expiry, r.qty, r.uom].map(csvCell).join(','),
  );
  return `${[head, ...body].join('\r\n')}\r\n`;
}

export function StockPage() {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const canImport = useCan('stock.import');
  const [importing, setImporting] = useState(false);
  const [sku, setSku] = useState('');
  const [location, setLocation] = useState('');
  const [lot, setLot] = useState('');
  const paging = useCursorPaging();
  const filters = useDebounced({ sku: sku.trim(), location: location.trim(), lot: lot.trim() }, 300);
  const stock = useQuery({
    queryKey: ['stock', filters, paging.cursor],
    queryFn: ({ signal }) => api.get<Page<StockRow>>('/stock', { ...filters, cursor: paging.cursor }, signal),
    placeholderData: keepPreviousData,
  });
  const rows = stock.data?.data ?? [];
  const paged = paging.pageNumber > 1 || Boolean(stock.data?.nextCursor);
  const filtered = (setter: (v: string) => void) => (v: string) => {
    setter(v);
    paging.reset();
  };
  return (
    <>
      <PageHeader
        title="Stock on hand"
        actions={
          <>
            {canImport && (
              <button type="button" onClick={() => setImporting(true)}>
                Import opening stock
              </button>
            )}
            <button
              type="button"
              disabled={rows.length === 0}
              onClick={() =>
                downloadBlob(
                  new Blob([stockCsv(rows)], { type: 'text/csv' }),
                  paged ? `stock-page-${paging.pageNumber}.csv` : 'stock.csv',
                )
              }
            >
              Export CSV
            </button>
          </>
        }
      />
      {importing && (
        <CsvImportForm
          title="Import opening stock from CSV"
          path="/stock/import"
          noun="rows"
          columns={
            <>
              Columns: <code>sku,location,qty</code> and optionally <code>unitCost,lot,expiry</code>. Each row
              books an opening adjustment in the ledger.
            </>
          }
          onImported={() => {
            queryClient.invalidateQueries({ queryKey: ['stock'] });
            queryClient.invalidateQueries({ queryKey: ['movements'] });
          }}
          onClose={() => setImporting(false)}
        />
      )}
      <search className="filters">
        <Field label="Item (SKU)">
          <input value={sku} onChange={(e) => filtered(setSku)(e.target.value)} />
        </Field>
        <Field label="Location code">
          <input value={location} onChange={(e) => filtered(setLocation)(e.target.value)} />
        </Field>
        <Field label="Lot">
          <input value={lot} onChange={(e) => filtered(setLot)(e.target.value)} />
        </Field>
      </search>
      <QueryState
        isPending={stock.isPending}
        error={stock.error}
        isEmpty={rows.length === 0}
        empty={<p>No stock matches.</p>}
        onRetry={() => stock.refetch()}
      >
        <table>
          <thead>
            <tr>
              <th>SKU</th>
              <th>Item</th>
              <th>Location</th>
              <th>Lot</th>
              <th>Expiry</th>
              <th className="num">Quantity</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.itemId}-${r.locationId}-${r.lot ?? ''}`}>
                <td>{r.sku}</td>
                <td>{r.name}</td>
                <td>{r.location}</td>
                <td>{r.lot ?? '—'}</td>
                <td>{r.expiry ?? '—'}</td>
                <td className="num">
                  {r.qty} {r.uom}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          {rows.length} {rows.length === 1 ? 'row' : 'rows'}
          {paged ? ' on this page' : ''}.
        </p>
      </QueryState>
      <CursorPager paging={paging} nextCursor={stock.data?.nextCursor} />
    </>
  );
}
