// One item: edit its details, add and remove barcodes with pack quantities, print labels, and see
// where it is in stock.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { CursorPager, useCursorPaging } from '../components/CursorPager.tsx';
import { DetailPage } from '../components/DetailPage.tsx';
import { SaveFooter, useEditRecord } from '../components/EditRecord.tsx';
import { Field, FormError } from '../components/Field.tsx';
import { isNonNegativeDecimal, isPositiveDecimal } from '../components/format.ts';
import { LabelButton } from '../components/LabelButton.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../problem.ts';
import type { Item, Page, StockRow } from '../types.ts';

export function ItemDetailPage() {
  return (
    <DetailPage<Item> queryKey="item" path="/items" back={{ to: '/console/items', label: '← Items' }}>
      {(item) => <ItemDetail item={item} />}
    </DetailPage>
  );
}

function ItemDetail({ item }: { item: Item }) {
  const canManage = useCan('items.manage');
  const canPrint = useCan('labels.print');
  const canStock = useCan('stock.read');
  return (
    <>
      <PageHeader
        title={`${item.sku} — ${item.name}`}
        actions={canPrint && <LabelButton kind="items" code={item.sku} />}
      />
      {canManage ? <EditItemForm item={item} /> : <ItemFacts item={item} />}
      <Barcodes item={item} canManage={canManage} />
      {/* Keyed by SKU: a renamed item starts again at its first page. */}
      {canStock && <ItemStock key={item.sku} sku={item.sku} />}
    </>
  );
}

function ItemFacts({ item }: { item: Item }) {
  return (
    <dl className="facts">
      <dt>Unit</dt>
      <dd>{item.uom}</dd>
      <dt>Tracking</dt>
      <dd>{item.tracking}</dd>
      <dt>Cost method</dt>
      <dd>{item.costMethod}</dd>
      <dt>Minimum stock</dt>
      <dd>{item.minStock === null ? '—' : `${item.minStock} ${item.uom}`}</dd>
      <dt>Status</dt>
      <dd>{item.active ? 'active' : 'inactive'}</dd>
    </dl>
  );
}

function EditItemForm({ item }: { item: Item }) {
  const [name, setName] = useState(item.name);
  const [uom, setUom] = useState(item.uom);
  const [active, setActive] = useState(item.active);
  const [tracking, setTracking] = useState(item.tracking);
  const [costMethod, setCostMethod] = useState(item.costMethod);
  const [standardCost, setStandardCost] = useState(item.standardCost ?? '');
  const [minStock, setMinStock] = useState(item.minStock ?? '');
  useEffect(() => {
    setName(item.name);
    setUom(item.uom);
    setActive(item.active);
    setTracking(item.tracking);
    setCostMethod(item.costMethod);
    setStandardCost(item.standardCost ?? '');
    setMinStock(item.minStock ?? '');
  }, [item]);
  const { errors, saved, isPending, submit } = useEditRecord<Item>({
    queryKey: 'item',
    id: item.id,
    codes: { item_has_movements: 'uom' },
    body: () => ({
      name: name.trim(),
      uom: uom.trim(),
      active,
      tracking,
      costMethod,
      standardCost: standardCost === '' ? null : standardCost,
      // Emptied, the minimum is cleared: no more low-stock notifications for this item.
      minStock: minStock.trim() === '' ? null : minStock.trim(),
    }),
    validate: () => {
      const found: FieldErrors = {};
      if (!name.trim()) found.name = 'Enter a name.';
      if (!uom.trim()) found.uom = 'Enter a unit.';
      if (standardCost && !/^\d+(\.\d+)?$/.test(standardCost)) found.standardCost = 'A number, e.g. 1.25.';
      if (minStock.trim() && !isNonNegativeDecimal(minStock))
        found.minStock = 'Zero or more, e.g. 20, or leave empty for no minimum.';
      return found;
    },
  });
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Edit item">
      <div className="grid">
        <Field label="Name" error={errors.name} attempt={errors}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Unit" error={errors.uom} attempt={errors}>
          <input value={uom} onChange={(e) => setUom(e.target.value)} />
        </Field>
        <Field label="Tracking" error={errors.tracking} attempt={errors}>
          <select value={tracking} onChange={(e) => setTracking(e.target.value)}>
            <option value="none">none</option>
            <option value="lot">by lot</option>
          </select>
        </Field>
        <Field label="Cost method" error={errors.costMethod} attempt={errors}>
          <select value={costMethod} onChange={(e) => setCostMethod(e.target.value)}>
            <option value="fifo">FIFO</option>
            <option value="average">moving average</option>
          </select>
        </Field>
        <Field label="Standard cost" error={errors.standardCost} attempt={errors}>
          <input inputMode="decimal" value={standardCost} onChange={(e) => setStandardCost(e.target.value)} />
        </Field>
        <Field label={`Minimum stock (${item.uom}, optional)`} error={errors.minStock} attempt={errors}>
          <input inputMode="decimal" value={minStock} onChange={(e) => setMinStock(e.target.value)} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
        </label>
      </div>
      <SaveFooter error={errors._form} saved={saved} isPending={isPending} />
    </form>
  );
}

function Barcodes({ item, canManage }: { item: Item; canManage: boolean }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [packQty, setPackQty] = useState('1');
  const [errors, setErrors] = useState<FieldErrors>({});
  const onItem = (updated: Item) => queryClient.setQueryData(['item', item.id], updated);
  const add = useMutation({
    mutationFn: () => api.post<Item>(`/items/${item.id}/barcodes`, { code: code.trim(), packQty }),
    onSuccess: (updated) => {
      onItem(updated);
      setCode('');
      setPackQty('1');
    },
    onError: (error) => setErrors(fieldErrorsOf(error, { barcode_taken: 'code' })),
  });
  const remove = useMutation({
    mutationFn: (barcode: string) =>
      api.delete<Item>(`/items/${item.id}/barcodes/${encodeURIComponent(barcode)}`),
    onSuccess: onItem,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!code.trim()) found.code = 'Enter or scan a barcode.';
    if (!isPositiveDecimal(packQty)) found.packQty = 'A quantity above 0.';
    setErrors(found);
    if (Object.keys(found).length === 0) add.mutate();
  }
  return (
    <section className="panel" aria-label="Barcodes">
      <h2>Barcodes</h2>
      {item.barcodes.length === 0 ? (
        <p className="state-empty">No barcodes; the SKU itself scans.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Code</th>
              <th>Pack quantity</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {item.barcodes.map((b) => (
              <tr key={b.code}>
                <td>
                  <code>{b.code}</code>
                </td>
                <td>
                  {b.packQty} {item.uom}
                </td>
                <td>
                  {canManage && (
                    <button type="button" onClick={() => remove.mutate(b.code)} disabled={remove.isPending}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {remove.error && <p role="alert">{messageOf(remove.error)}</p>}
      {canManage && (
        <form className="form-row" onSubmit={submit} noValidate aria-label="Add barcode">
          <Field label="New barcode" error={errors.code} attempt={errors}>
            <input value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <Field label="Pack quantity" error={errors.packQty} attempt={errors}>
            <input inputMode="decimal" value={packQty} onChange={(e) => setPackQty(e.target.value)} />
          </Field>
          <button type="submit" disabled={add.isPending}>
            Add barcode
          </button>
          <FormError message={errors._form} />
        </form>
      )}
    </section>
  );
}

function ItemStock({ sku }: { sku: string }) {
  const api = useConsoleApi();
  const paging = useCursorPaging();
  const stock = useQuery({
    queryKey: ['stock', { sku }, paging.cursor],
    queryFn: ({ signal }) => api.get<Page<StockRow>>('/stock', { sku, cursor: paging.cursor }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="panel" aria-label="Stock">
      <h2>Stock</h2>
      <QueryState
        isPending={stock.isPending}
        error={stock.error}
        isEmpty={stock.data?.data.length === 0}
        empty={<p>None in stock.</p>}
      >
        <table>
          <thead>
            <tr>
              <th>Location</th>
              <th>Lot</th>
              <th>Quantity</th>
            </tr>
          </thead>
          <tbody>
            {stock.data?.data.map((row) => (
              <tr key={`${row.location}-${row.lot ?? ''}`}>
                <td>{row.location}</td>
                <td>{row.lot ?? '—'}</td>
                <td className="num">
                  {row.qty} {row.uom}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
      <CursorPager paging={paging} nextCursor={stock.data?.nextCursor} />
    </section>
  );
}
