// The movement ledger, newest first: filter, open a movement's detail, and reverse it. Nothing
// posted is edited; a reversal books the opposite movement pointing at the original, once.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { CursorPager, useCursorPaging } from '../components/CursorPager.tsx';
import { Field } from '../components/Field.tsx';
import { formatTime } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useDebounced } from '../components/useDebounced.ts';
import { newIdempotencyKey, useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { messageOf } from '../problem.ts';
import type { Movement, Page } from '../types.ts';

const TYPES = ['receive', 'move', 'waste', 'adjust', 'consume', 'output'];

/** A date input's value (local midnight) as the ISO instant the API filters on. */
function dayStart(date: string): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
function dayEnd(date: string): string | undefined {
  return date ? new Date(new Date(`${date}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;
}

export function LedgerPage() {
  const api = useConsoleApi();
  const [params, setParams] = useSearchParams();
  const [sku, setSku] = useState('');
  const [type, setType] = useState('');
  const [location, setLocation] = useState('');
  const [lot, setLot] = useState('');
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const paging = useCursorPaging();
  const filters = useDebounced(
    {
      sku: sku.trim(),
      type,
      location: location.trim(),
      lot: lot.trim(),
      from: dayStart(fromDate),
      to: dayEnd(toDate),
    },
    300,
  );
  const movements = useQuery({
    queryKey: ['movements', filters, paging.cursor],
    queryFn: ({ signal }) =>
      api.get<Page<Movement>>('/movements', { ...filters, cursor: paging.cursor, limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  const selected = params.get('movement');
  const select = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('movement', id);
    else next.delete('movement');
    setParams(next);
  };
  const filtered =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      paging.reset();
    };
  return (
    <>
      <PageHeader title="Movement ledger" />
      <search className="filters">
        <Field label="SKU">
          <input value={sku} onChange={(e) => filtered(setSku)(e.target.value)} />
        </Field>
        <Field label="Type">
          <select value={type} onChange={(e) => filtered(setType)(e.target.value)}>
            <option value="">any</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Location">
          <input value={location} onChange={(e) => filtered(setLocation)(e.target.value)} />
        </Field>
        <Field label="Lot">
          <input value={lot} onChange={(e) => filtered(setLot)(e.target.value)} />
        </Field>
        <Field label="From">
          <input type="date" value={fromDate} onChange={(e) => filtered(setFromDate)(e.target.value)} />
        </Field>
        <Field label="To">
          <input type="date" value={toDate} onChange={(e) => filtered(setToDate)(e.target.value)} />
        </Field>
      </search>
      {selected && <MovementDetail id={selected} onClose={() => select(null)} onOpen={select} />}
      <QueryState
        isPending={movements.isPending}
        error={movements.error}
        isEmpty={movements.data?.data.length === 0}
        empty={<p>No movements match.</p>}
        onRetry={() => movements.refetch()}
      >
        <table aria-label="Movements">
          <thead>
            <tr>
              <th>When</th>
              <th>Type</th>
              <th>SKU</th>
              <th className="num">Quantity</th>
              <th>From</th>
              <th>To</th>
              <th>Lot</th>
              <th>Reason / reference</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {movements.data?.data.map((m) => (
              <tr key={m.id} className={m.id === selected ? 'selected' : undefined}>
                <td>{formatTime(m.createdAt)}</td>
                <td>
                  {m.type}
                  {m.reversalOf && <span className="badge">reversal</span>}
                  {m.reversedBy && <span className="badge">reversed</span>}
                </td>
                <td>{m.sku}</td>
                <td className="num">{m.qty}</td>
                <td>{m.from}</td>
                <td>{m.to}</td>
                <td>{m.lot ?? ''}</td>
                <td>{m.reason ?? m.reference ?? ''}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => select(m.id)}
                    aria-label={`Details of ${m.type} ${m.sku} ${m.qty}`}
                  >
                    Details
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <CursorPager paging={paging} nextCursor={movements.data?.nextCursor} />
      </QueryState>
    </>
  );
}

function MovementDetail({
  id,
  onClose,
  onOpen,
}: {
  id: string;
  onClose: () => void;
  onOpen: (id: string) => void;
}) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const canReverse = useCan('stock.reverse');
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const movement = useQuery({
    queryKey: ['movement', id],
    queryFn: ({ signal }) => api.get<Movement>(`/movements/${id}`, undefined, signal),
  });
  const reverse = useMutation({
    mutationFn: () =>
      api.post<Movement>(
        `/movements/${id}/reverse`,
        reason.trim() ? { reason: reason.trim() } : {},
        newIdempotencyKey(),
      ),
    onSuccess: (reversal) => {
      setConfirming(false);
      queryClient.invalidateQueries({ queryKey: ['movements'] });
      queryClient.invalidateQueries({ queryKey: ['movement', id] });
      queryClient.invalidateQueries({ queryKey: ['stock'] });
      onOpen(reversal.id);
    },
  });
  // Keyboard and screen-reader users land on the detail they opened.
  const region = useRef<HTMLElement>(null);
  useEffect(() => {
    if (id) region.current?.focus();
  }, [id]);
  const m = movement.data;
  const reversible = m && !m.reversalOf && !m.reversedBy && !m.workOrderId;
  return (
    <section className="panel detail" aria-label="Movement detail" ref={region} tabIndex={-1}>
      <header className="page-header">
        <h2>Movement</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <QueryState isPending={movement.isPending} error={movement.error} onRetry={() => movement.refetch()}>
        {m && (
          <>
            <dl className="facts">
              <dt>Type</dt>
              <dd>{m.type}</dd>
              <dt>Item</dt>
              <dd>{m.sku}</dd>
              <dt>Quantity</dt>
              <dd>
                {m.qty}
                {m.enteredQty && ` (entered as ${m.enteredQty} ${m.enteredUom ?? ''})`}
              </dd>
              <dt>From → to</dt>
              <dd>
                {m.from} → {m.to}
              </dd>
              <dt>Lot</dt>
              <dd>{m.lot ?? '—'}</dd>
              {m.unitCost !== undefined && (
                <>
                  <dt>Unit cost / value</dt>
                  <dd>
                    {m.unitCost ?? '—'} / {m.value ?? '—'}
                  </dd>
                </>
              )}
              <dt>Reason</dt>
              <dd>{m.reason ?? '—'}</dd>
              <dt>Reference</dt>
              <dd>{m.reference ?? '—'}</dd>
              <dt>Scanned text</dt>
              <dd>{m.scan ? <code>{m.scan}</code> : '—'}</dd>
              <dt>When</dt>
              <dd>{formatTime(m.createdAt)}</dd>
              <dt>Id</dt>
              <dd>
                <code>{m.id}</code>
              </dd>
              {m.reversalOf && (
                <>
                  <dt>Reverses</dt>
                  <dd>
                    <button type="button" className="link" onClick={() => onOpen(m.reversalOf ?? '')}>
                      {m.reversalOf}
                    </button>
                  </dd>
                </>
              )}
              {m.reversedBy && (
                <>
                  <dt>Reversed by</dt>
                  <dd>
                    <button type="button" className="link" onClick={() => onOpen(m.reversedBy ?? '')}>
                      {m.reversedBy}
                    </button>
                  </dd>
                </>
              )}
              {m.workOrderId && (
                <>
                  <dt>Work order</dt>
                  <dd>made by production; correct it through the step event</dd>
                </>
              )}
            </dl>
            {canReverse && reversible && (
              <button type="button" className="danger" onClick={() => setConfirming(true)}>
                Reverse…
              </button>
            )}
            {reverse.data && <p role="status">Reversed.</p>}
          </>
        )}
      </QueryState>
      <ConfirmDialog
        open={confirming}
        title="Reverse this movement?"
        confirmLabel="Reverse movement"
        busy={reverse.isPending}
        error={reverse.error ? messageOf(reverse.error) : undefined}
        onConfirm={() => reverse.mutate()}
        onCancel={() => {
          setConfirming(false);
          reverse.reset();
        }}
      >
        <p>
          Books the opposite movement of {m?.qty} {m?.sku} ({m?.to} → {m?.from}) at the same value. This can
          be done only once.
        </p>
        <Field label="Reason (optional)">
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </ConfirmDialog>
    </section>
  );
}
