// One work order: progress per step (good, scrap, waiting), components consumed, its step events;
// release a draft, print the traveler (one QR per step), cancel with an optional reason (shown on
// the cancelled order, with when it was cancelled).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { CursorPager, useCursorPaging } from '../components/CursorPager.tsx';
import { Field } from '../components/Field.tsx';
import { formatTime, openBlob } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { messageOf } from '../problem.ts';
import type { Page, StepEvent, WorkOrder } from '../types.ts';

export function WorkOrderDetailPage() {
  const { id = '' } = useParams();
  const api = useConsoleApi();
  const order = useQuery({
    queryKey: ['work-order', id],
    queryFn: ({ signal }) => api.get<WorkOrder>(`/work-orders/${id}`, undefined, signal),
    // Progress moves while operators scan on the floor.
    refetchInterval: 10_000,
  });
  return (
    <>
      <p>
        <Link to="/console/work-orders">← Work orders</Link>
      </p>
      <QueryState isPending={order.isPending} error={order.error} onRetry={() => order.refetch()}>
        {order.data && <WorkOrderDetail order={order.data} />}
      </QueryState>
    </>
  );
}

function WorkOrderDetail({ order }: { order: WorkOrder }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const canManage = useCan('production.manage');
  const canPrint = useCan('labels.print');
  const [cancelling, setCancelling] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const changed = (updated: WorkOrder) => {
    queryClient.setQueryData(['work-order', order.id], updated);
    queryClient.invalidateQueries({ queryKey: ['work-orders'] });
  };
  const release = useMutation({
    mutationFn: () => api.post<WorkOrder>(`/work-orders/${order.id}/release`),
    onSuccess: changed,
  });
  const cancel = useMutation({
    mutationFn: () =>
      api.post<WorkOrder>(
        `/work-orders/${order.id}/cancel`,
        cancelReason.trim() ? { reason: cancelReason.trim() } : {},
      ),
    onSuccess: (updated) => {
      changed(updated);
      setCancelling(false);
    },
  });
  const traveler = useMutation({
    mutationFn: () => api.blob('GET', `/work-orders/${order.id}/traveler.pdf`),
    onSuccess: openBlob,
  });
  const open = order.status !== 'done' && order.status !== 'cancelled';
  const qty = Number(order.qty) || 1;
  return (
    <>
      <PageHeader
        title={`${order.number} — ${order.qty} × ${order.sku}`}
        actions={
          <>
            {canManage && order.status === 'draft' && (
              <button type="button" onClick={() => release.mutate()} disabled={release.isPending}>
                Release
              </button>
            )}
            {canPrint && order.status !== 'draft' && (
              <button type="button" onClick={() => traveler.mutate()} disabled={traveler.isPending}>
                Print traveler
              </button>
            )}
            {canManage && open && (
              <button type="button" className="danger" onClick={() => setCancelling(true)}>
                Cancel order…
              </button>
            )}
          </>
        }
      />
      {(release.error || traveler.error) && <p role="alert">{messageOf(release.error ?? traveler.error)}</p>}
      <dl className="facts">
        <dt>Item</dt>
        <dd>
          {order.sku} {order.itemName}
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-${order.status}`}>{order.status.replace('_', ' ')}</span>
        </dd>
        <dt>Produced / scrapped / in progress</dt>
        <dd>
          {order.producedQty} / {order.scrappedQty} / {order.wipQty}
        </dd>
        <dt>Components from → output to</dt>
        <dd>
          {order.componentsFrom} → {order.outputTo}
        </dd>
        <dt>BOM / routing</dt>
        <dd>
          {order.bom ? `v${order.bom.version}` : '—'} / {order.routing ? `v${order.routing.version}` : '—'}
        </dd>
        <dt>Due</dt>
        <dd>{order.dueDate ?? '—'}</dd>
        <dt>Released / completed</dt>
        <dd>
          {formatTime(order.releasedAt)} / {formatTime(order.completedAt)}
        </dd>
        {order.status === 'cancelled' && (
          <>
            <dt>Cancelled</dt>
            <dd>{formatTime(order.cancelledAt)}</dd>
            <dt>Cancel reason</dt>
            <dd>{order.cancelReason ?? 'No reason given'}</dd>
          </>
        )}
      </dl>
      <section className="panel" aria-label="Progress per step">
        <h2>Progress per step</h2>
        <table>
          <thead>
            <tr>
              <th>Step</th>
              <th>Work center</th>
              <th>Status</th>
              <th>Progress</th>
              <th className="num">Good</th>
              <th className="num">Scrap</th>
              <th className="num">Waiting</th>
              <th className="num">Minutes (actual / standard)</th>
            </tr>
          </thead>
          <tbody>
            {order.steps.map((s) => {
              const done = Number(s.goodQty) + Number(s.scrapQty);
              return (
                <tr key={s.seq}>
                  <td>
                    {s.seq} {s.name}
                  </td>
                  <td>{s.workCenter}</td>
                  <td>{s.status}</td>
                  <td>
                    <progress
                      max={qty}
                      value={Math.min(done, qty)}
                      aria-label={`${s.name}: ${done} of ${order.qty}`}
                    />
                  </td>
                  <td className="num">{s.goodQty}</td>
                  <td className="num">{s.scrapQty}</td>
                  <td className="num">{s.wip}</td>
                  <td className="num">
                    {s.actualMinutes} / {s.standardMinutes ?? '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-label="Components">
        <h2>Components</h2>
        {order.components.length === 0 ? (
          <p className="state-empty">No components.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>SKU</th>
                <th>Name</th>
                <th className="num">Per unit</th>
                <th className="num">Required</th>
                <th className="num">Consumed</th>
              </tr>
            </thead>
            <tbody>
              {order.components.map((c) => (
                <tr key={c.sku}>
                  <td>{c.sku}</td>
                  <td>{c.name}</td>
                  <td className="num">{c.qtyPerUnit}</td>
                  <td className="num">
                    {c.requiredQty} {c.uom}
                  </td>
                  <td className="num">{c.consumedQty}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {/* keyed: another order starts again on its first page of events */}
      <StepEvents key={order.id} orderId={order.id} />
      <ConfirmDialog
        open={cancelling}
        title={`Cancel ${order.number}?`}
        confirmLabel="Cancel work order"
        busy={cancel.isPending}
        error={cancel.error ? messageOf(cancel.error) : undefined}
        onConfirm={() => cancel.mutate()}
        onCancel={() => {
          setCancelling(false);
          cancel.reset();
        }}
      >
        <p>Components still in work in progress go back to {order.componentsFrom}. This cannot be undone.</p>
        <Field label="Reason (optional)">
          <input value={cancelReason} maxLength={200} onChange={(e) => setCancelReason(e.target.value)} />
        </Field>
      </ConfirmDialog>
    </>
  );
}

function StepEvents({ orderId }: { orderId: string }) {
  const api = useConsoleApi();
  const paging = useCursorPaging();
  const events = useQuery({
    queryKey: ['work-order-events', orderId, paging.cursor],
    queryFn: ({ signal }) =>
      api.get<Page<StepEvent>>(
        `/work-orders/${orderId}/events`,
        { cursor: paging.cursor, limit: 50 },
        signal,
      ),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
  return (
    <section className="panel" aria-label="Step events">
      <h2>Step events</h2>
      <QueryState
        isPending={events.isPending}
        error={events.error}
        isEmpty={events.data?.data.length === 0}
        empty={<p>Nothing recorded yet.</p>}
      >
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Step</th>
              <th>Action</th>
              <th className="num">Good</th>
              <th className="num">Scrap</th>
              <th>Reason</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {events.data?.data.map((e) => (
              <tr key={e.id} className={e.correctedBy ? 'corrected' : undefined}>
                <td>{formatTime(e.createdAt)}</td>
                <td>{e.step}</td>
                <td>
                  {e.action}
                  {e.correctedBy && <span className="badge">corrected</span>}
                </td>
                <td className="num">{e.goodQty ?? ''}</td>
                <td className="num">{e.scrapQty ?? ''}</td>
                <td>{e.scrapReason ?? e.reason ?? ''}</td>
                <td>{e.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <CursorPager paging={paging} nextCursor={events.data?.nextCursor} />
      </QueryState>
    </section>
  );
}
