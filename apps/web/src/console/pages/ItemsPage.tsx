// Items: search by SKU, name or barcode, create one, or import many from CSV. An import is all or
// nothing: when any row is wrong the server names each bad row and field, shown here inline.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { CsvImportForm } from '../components/CsvImportForm.tsx';
import { CursorPager } from '../components/CursorPager.tsx';
import { Field, FormActions } from '../components/Field.tsx';
import { isNonNegativeDecimal, isPositiveDecimal } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { SearchFilter, useSearchedList } from '../components/SearchedList.tsx';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf } from '../problem.ts';
import type { Item } from '../types.ts';

export function ItemsPage() {
  const canManage = useCan('items.manage');
  const [panel, setPanel] = useState<'create' | 'import' | null>(null);
  const { search, setSearch, paging, list: items } = useSearchedList<Item>('items');
  return (
    <>
      <PageHeader
        title="Items"
        actions={
          canManage && (
            <>
              <button type="button" onClick={() => setPanel('create')}>
                New item
              </button>
              <button type="button" onClick={() => setPanel('import')}>
                Import CSV
              </button>
            </>
          )
        }
      />
      {panel === 'create' && <CreateItemForm onDone={() => setPanel(null)} />}
      {panel === 'import' && <ImportItemsForm onDone={() => setPanel(null)} />}
      <SearchFilter
        label="Search SKU, name or barcode"
        search={search}
        setSearch={setSearch}
        paging={paging}
      />
      <QueryTable
        query={items}
        empty={
          <p>
            {search
              ? 'No items match.'
              : canManage
                ? 'No items yet. Create one or import a CSV.'
                : 'No items yet.'}
          </p>
        }
        headers={['SKU', 'Name', 'Unit', 'Barcodes', 'Tracking', 'Cost method', 'Status']}
        row={(item) => (
          <tr key={item.id}>
            <td>
              <Link to={`/console/items/${item.id}`}>{item.sku}</Link>
            </td>
            <td>{item.name}</td>
            <td>{item.uom}</td>
            <td>{item.barcodes.map((b) => b.code).join(', ') || '—'}</td>
            <td>{item.tracking}</td>
            <td>{item.costMethod}</td>
            <td>{item.active ? 'active' : 'inactive'}</td>
          </tr>
        )}
      >
        <CursorPager paging={paging} nextCursor={items.data?.nextCursor} />
      </QueryTable>
    </>
  );
}

interface BarcodeDraft {
  code: string;
  packQty: string;
}

function CreateItemForm({ onDone }: { onDone: () => void }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [uom, setUom] = useState('pcs');
  const [tracking, setTracking] = useState<'none' | 'lot'>('none');
  const [costMethod, setCostMethod] = useState<'fifo' | 'average'>('fifo');
  const [standardCost, setStandardCost] = useState('');
  const [minStock, setMinStock] = useState('');
  const [barcodes, setBarcodes] = useState<BarcodeDraft[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<Item | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post<Item>('/items', {
        sku: sku.trim(),
        name: name.trim(),
        uom: uom.trim(),
        tracking,
        costMethod,
        ...(standardCost ? { standardCost } : {}),
        ...(minStock.trim() ? { minStock: minStock.trim() } : {}),
        barcodes: barcodes.map((b) => ({ code: b.code.trim(), packQty: b.packQty || '1' })),
      }),
    onSuccess: (item) => {
      setCreated(item);
      queryClient.invalidateQueries({ queryKey: ['items'] });
    },
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!sku.trim()) found.sku = 'Enter a SKU.';
    if (!name.trim()) found.name = 'Enter a name.';
    if (!uom.trim()) found.uom = 'Enter a unit, e.g. pcs or kg.';
    if (standardCost && !/^\d+(\.\d+)?$/.test(standardCost)) found.standardCost = 'A number, e.g. 1.25.';
    if (minStock.trim() && !isNonNegativeDecimal(minStock))
      found.minStock = 'Zero or more, e.g. 20, or leave empty for no minimum.';
    barcodes.forEach((b, i) => {
      if (!b.code.trim()) found.barcodes = `Barcode ${i + 1} is empty.`;
      else if (b.packQty && !isPositiveDecimal(b.packQty))
        found.barcodes = `Pack quantity of ${b.code} must be above 0.`;
    });
    setErrors(found);
    if (Object.keys(found).length === 0) create.mutate();
  }
  if (created)
    return (
      <section className="panel" aria-label="Item created">
        <p role="status">
          Created <Link to={`/console/items/${created.id}`}>{created.sku}</Link> — {created.name}.
        </p>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </section>
    );
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New item">
      <h2>New item</h2>
      <div className="grid">
        <Field label="SKU" error={errors.sku} attempt={errors}>
          <input value={sku} onChange={(e) => setSku(e.target.value)} />
        </Field>
        <Field label="Name" error={errors.name} attempt={errors}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Unit" error={errors.uom} attempt={errors}>
          <input value={uom} onChange={(e) => setUom(e.target.value)} />
        </Field>
        <Field label="Tracking" error={errors.tracking} attempt={errors}>
          <select value={tracking} onChange={(e) => setTracking(e.target.value as 'none' | 'lot')}>
            <option value="none">none</option>
            <option value="lot">by lot</option>
          </select>
        </Field>
        <Field label="Cost method" error={errors.costMethod} attempt={errors}>
          <select value={costMethod} onChange={(e) => setCostMethod(e.target.value as 'fifo' | 'average')}>
            <option value="fifo">FIFO</option>
            <option value="average">moving average</option>
          </select>
        </Field>
        <Field label="Standard cost (optional)" error={errors.standardCost} attempt={errors}>
          <input inputMode="decimal" value={standardCost} onChange={(e) => setStandardCost(e.target.value)} />
        </Field>
        <Field label="Minimum stock (optional)" error={errors.minStock} attempt={errors}>
          <input inputMode="decimal" value={minStock} onChange={(e) => setMinStock(e.target.value)} />
        </Field>
      </div>
      <fieldset className={errors.barcodes ? 'field field-invalid' : 'field'}>
        <legend>Barcodes</legend>
        {barcodes.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id yet
          <div className="form-row" key={i}>
            <label>
              Code
              <input
                value={b.code}
                onChange={(e) =>
                  setBarcodes(barcodes.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))
                }
              />
            </label>
            <label>
              Pack quantity
              <input
                inputMode="decimal"
                value={b.packQty}
                onChange={(e) =>
                  setBarcodes(barcodes.map((x, j) => (j === i ? { ...x, packQty: e.target.value } : x)))
                }
              />
            </label>
            <button type="button" onClick={() => setBarcodes(barcodes.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setBarcodes([...barcodes, { code: '', packQty: '1' }])}>
          Add barcode
        </button>
        {errors.barcodes && (
          <small className="field-error" role="alert">
            {errors.barcodes}
          </small>
        )}
      </fieldset>
      <FormActions error={errors._form} onCancel={onDone} pending={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create item'}
      </FormActions>
    </form>
  );
}

function ImportItemsForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  return (
    <CsvImportForm
      title="Import items from CSV"
      path="/items/import"
      noun="items"
      columns={
        <>
          Columns: <code>sku,name,uom</code> and optionally{' '}
          <code>tracking,costMethod,barcodes,units,standardCost,minStock</code> (barcodes as{' '}
          <code>code*packQty;code</code>, units as <code>box=12;bag=25</code>).
        </>
      }
      onImported={() => queryClient.invalidateQueries({ queryKey: ['items'] })}
      onClose={onDone}
    />
  );
}
