// Work orders: filter by status, item and due date; create one (it starts as a draft).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CursorPager, useCursorPaging } from '../components/CursorPager.tsx';
import { Field, FormActions } from '../components/Field.tsx';
import { isPositiveDecimal } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useDebounced } from '../components/useDebounced.ts';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf } from '../problem.ts';
import type { Location, Page, WorkOrder } from '../types.ts';

const STATUSES = ['draft', 'released', 'in_progress', 'done', 'cancelled'] as const;

export function WorkOrdersPage() {
  const api = useConsoleApi();
  const canManage = useCan('production.manage');
  const [status, setStatus] = useState('');
  const [sku, setSku] = useState('');
  const [creating, setCreating] = useState(false);
  const paging = useCursorPaging();
  const filters = useDebounced({ status, sku: sku.trim() }, 300);
  const orders = useQuery({
    queryKey: ['work-orders', filters, paging.cursor],
    queryFn: ({ signal }) =>
      api.get<Page<WorkOrder>>('/work-orders', { ...filters, cursor: paging.cursor, limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="Work orders"
        actions={
          canManage && (
            <button type="button" onClick={() => setCreating(true)}>
              New work order
            </button>
          )
        }
      />
      {creating && <WorkOrderForm onDone={() => setCreating(false)} />}
      <search className="filters">
        <Field label="Status">
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              paging.reset();
            }}
          >
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Item SKU">
          <input
            value={sku}
            onChange={(e) => {
              setSku(e.target.value);
              paging.reset();
            }}
          />
        </Field>
      </search>
      <QueryState
        isPending={orders.isPending}
        error={orders.error}
        isEmpty={orders.data?.data.length === 0}
        empty={<p>No work orders match.</p>}
        onRetry={() => orders.refetch()}
      >
        <table>
          <thead>
            <tr>
              <th>Number</th>
              <th>Item</th>
              <th className="num">Quantity</th>
              <th className="num">Produced</th>
              <th>Status</th>
              <th>Due</th>
            </tr>
          </thead>
          <tbody>
            {orders.data?.data.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/console/work-orders/${o.id}`}>{o.number}</Link>
                </td>
                <td>
                  {o.sku} {o.itemName}
                </td>
                <td className="num">{o.qty}</td>
                <td className="num">{o.producedQty}</td>
                <td>
                  <span className={`badge badge-${o.status}`}>{o.status.replace('_', ' ')}</span>
                </td>
                <td>{o.dueDate ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <CursorPager paging={paging} nextCursor={orders.data?.nextCursor} />
      </QueryState>
    </>
  );
}

function WorkOrderForm({ onDone }: { onDone: () => void }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [sku, setSku] = useState('');
  const [qty, setQty] = useState('');
  const [componentsFrom, setComponentsFrom] = useState('');
  const [outputTo, setOutputTo] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const locations = useQuery({
    queryKey: ['locations', false],
    queryFn: ({ signal }) => api.get<{ data: Location[] }>('/locations', {}, signal),
  });
  const internal = locations.data?.data.filter((l) => !l.virtual && l.active) ?? [];
  const save = useMutation({
    mutationFn: () =>
      api.post<WorkOrder>('/work-orders', {
        sku: sku.trim(),
        qty,
        componentsFrom,
        outputTo,
        ...(dueDate ? { dueDate } : {}),
      }),
    onSuccess: (order) => {
      queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      navigate(`/console/work-orders/${order.id}`);
    },
    onError: (error) =>
      setErrors(
        fieldErrorsOf(error, {
          no_active_routing: 'sku',
          bom_not_found: 'sku',
          unknown_location: 'componentsFrom',
        }),
      ),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!sku.trim()) found.sku = 'Enter the SKU to make.';
    if (!isPositiveDecimal(qty)) found.qty = 'A quantity above 0.';
    if (!componentsFrom) found.componentsFrom = 'Pick where components come from.';
    if (!outputTo) found.outputTo = 'Pick where the output goes.';
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }
  const locationOptions = internal.map((l) => (
    <option key={l.id} value={l.code}>
      {l.code} {l.name}
    </option>
  ));
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New work order">
      <h2>New work order</h2>
      <div className="grid">
        <Field label="Item SKU" error={errors.sku} attempt={errors}>
          <input value={sku} onChange={(e) => setSku(e.target.value)} />
        </Field>
        <Field label="Quantity" error={errors.qty} attempt={errors}>
          <input inputMode="decimal" value={qty} onChange={(e) => setQty(e.target.value)} />
        </Field>
        <Field label="Components from" error={errors.componentsFrom} attempt={errors}>
          <select value={componentsFrom} onChange={(e) => setComponentsFrom(e.target.value)}>
            <option value="">—</option>
            {locationOptions}
          </select>
        </Field>
        <Field label="Output to" error={errors.outputTo} attempt={errors}>
          <select value={outputTo} onChange={(e) => setOutputTo(e.target.value)}>
            <option value="">—</option>
            {locationOptions}
          </select>
        </Field>
        <Field label="Due date (optional)" error={errors.dueDate} attempt={errors}>
          <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </Field>
      </div>
      <FormActions error={errors._form} onCancel={onDone} pending={save.isPending}>
        Create draft
      </FormActions>
    </form>
  );
}
