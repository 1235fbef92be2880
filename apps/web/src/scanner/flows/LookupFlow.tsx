// Look up: scan anything and see what it is — an item with its stock by location and lot, a
// location with what is stored there, a lot, or a job step.
import { useState } from 'react';
import { requestJson } from '../../api/client.ts';
import { ApiError } from '../../api/problem.ts';
import type { ScanResult, StockRow } from '../../api/types.ts';
import { Facts, Screen } from '../../shared/ui.tsx';
import { totalQty } from '../quantities.ts';
import { resolveScan, UnknownCode } from '../scan/resolve.ts';
import { type ScanOutcome, ScanPanel } from '../scan/ScanPanel.tsx';

function StockTable({ rows, by }: { rows: StockRow[]; by: 'location' | 'item' }) {
  if (rows.length === 0) return <p>No stock.</p>;
  return (
    <table className="stock">
      <thead>
        <tr>
          <th>{by === 'location' ? 'Location' : 'Item'}</th>
          <th>Lot</th>
          <th>Qty</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.itemId}-${row.location}-${row.lot ?? ''}`}>
            <td>{by === 'location' ? row.location : `${row.name} (${row.sku})`}</td>
            <td>
              {row.lot ?? '—'}
              {row.expiry ? ` · exp ${row.expiry}` : ''}
            </td>
            <td className="qty">
              {row.qty} {row.uom}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LookupFlow() {
  const [found, setFound] = useState<{
    result: ScanResult;
    offline: boolean;
    locationStock?: StockRow[];
  } | null>(null);

  async function onScan(code: string): Promise<ScanOutcome> {
    try {
      const { result, offline } = await resolveScan(code);
      let locationStock: StockRow[] | undefined;
      if (result.kind === 'location' && result.location && !offline) {
        const { data } = await requestJson<{ data: StockRow[] }>(
          'GET',
          `/api/v1/stock?location=${encodeURIComponent(result.location.code)}`,
        );
        locationStock = data.data;
      }
      setFound({ result, offline, ...(locationStock ? { locationStock } : {}) });
      return { kind: 'ok', message: `✓ ${result.kind.replace('_', ' ')}: ${code}` };
    } catch (caught) {
      setFound(null);
      if (caught instanceof ApiError && caught.status === 404)
        return { kind: 'bad', message: `Unknown code: ${code}` };
      if (caught instanceof ApiError || caught instanceof UnknownCode)
        return { kind: 'bad', message: caught.message };
      throw caught;
    }
  }

  const r = found?.result;
  return (
    <Screen title="Look up" back="/">
      <ScanPanel prompt="Scan anything" onScan={onScan} />
      {r?.item && (
        <section className="card" data-testid="item-card">
          <Facts
            rows={[
              ['Item', r.item.name],
              ['SKU', r.item.sku],
              ['Unit', r.item.uom],
              ...(r.packQty && r.packQty !== '1'
                ? ([['Pack', `${r.packQty} ${r.item.uom}`]] as [string, string][])
                : []),
              ...(r.lot
                ? ([['Lot', `${r.lot.code}${r.lot.expiry ? ` · exp ${r.lot.expiry}` : ''}`]] as [
                    string,
                    string,
                  ][])
                : []),
              ...(r.gs1?.lot && !r.lot ? ([['Lot (label)', r.gs1.lot]] as [string, string][]) : []),
              ...(r.gs1?.expiry ? ([['Expiry (label)', r.gs1.expiry]] as [string, string][]) : []),
              ['In stock', r.stock ? `${totalQty(r.stock)} ${r.item.uom}` : 'not known offline'],
            ]}
          />
          {r.stock && <StockTable rows={r.stock} by="location" />}
        </section>
      )}
      {r?.kind === 'location' && r.location && (
        <section className="card" data-testid="item-card">
          <Facts
            rows={[
              ['Location', r.location.code],
              ['Name', r.location.name],
              ['Kind', r.location.kind],
            ]}
          />
          {found?.locationStock && <StockTable rows={found.locationStock} by="item" />}
        </section>
      )}
      {r?.kind === 'work_order' && r.workOrder && r.step && (
        <section className="card" data-testid="item-card">
          <Facts
            rows={[
              ['Order', `${r.workOrder.number} (${r.workOrder.status})`],
              ['Item', r.workOrder.itemName],
              ['Step', `${r.step.seq} ${r.step.name}`],
              ['Status', r.step.status],
              ['Waiting here', r.step.wip],
            ]}
          />
        </section>
      )}
    </Screen>
  );
}
