// Receive, move, waste and count: one screen each, built from the same parts. Scan the item and the
// location(s) in any order — a scan is routed by what it is — or pick the location from a list.
// Before booking the operator sees the item's name, unit and stock; after, what was booked and the
// stock now. The raw scanned text goes with the movement (its `scan` field).
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import type { Movement, ScanResult } from '../../api/types.ts';
import { Facts, Field, Screen } from '../../shared/ui.tsx';
import { submitScan } from '../offline/submit.ts';
import { isNonNegativeQty, isPositiveQty, normalizeQty, totalQty } from '../quantities.ts';
import { stockAt, useLocations, useReasons } from '../reference-data.ts';
import { scanFeedback } from '../scan/feedback.ts';
import { resolveScan, UnknownCode } from '../scan/resolve.ts';
import { type ScanOutcome, ScanPanel } from '../scan/ScanPanel.tsx';

export type MovementKind = 'receive' | 'move' | 'waste' | 'adjust';
type Slot = 'from' | 'to' | 'location';

interface FlowConfig {
  title: string;
  slots: Slot[];
  slotLabels: Partial<Record<Slot, string>>;
  qtyLabel: string;
  confirmLabel: string;
  verb: string;
}

const CONFIG: Record<MovementKind, FlowConfig> = {
  receive: {
    title: 'Receive',
    slots: ['to'],
    slotLabels: { to: 'Put away at' },
    qtyLabel: 'Quantity received',
    confirmLabel: 'Book receipt',
    verb: 'Received',
  },
  move: {
    title: 'Move to floor',
    slots: ['from', 'to'],
    slotLabels: { from: 'From', to: 'To' },
    qtyLabel: 'Quantity to move',
    confirmLabel: 'Book move',
    verb: 'Moved',
  },
  waste: {
    title: 'Log waste',
    slots: ['from'],
    slotLabels: { from: 'Wasted at' },
    qtyLabel: 'Quantity wasted',
    confirmLabel: 'Book waste',
    verb: 'Wasted',
  },
  adjust: {
    title: 'Count',
    slots: ['location'],
    slotLabels: { location: 'Counted at' },
    qtyLabel: 'Counted quantity',
    confirmLabel: 'Book count',
    verb: 'Counted',
  },
};

interface ScannedItem {
  result: ScanResult;
  raw: string;
  offline: boolean;
}
interface Place {
  code: string;
  name: string;
}
type Outcome =
  | { queued: true; label: string }
  | { queued: false; label: string; movement: Movement; stockNow: string | null; stockAt: string };

export function MovementFlow({ kind }: { kind: MovementKind }) {
  const config = CONFIG[kind];
  const locations = useLocations();
  const reasons = useReasons('waste', kind === 'waste');
  const [item, setItem] = useState<ScannedItem | null>(null);
  const [qty, setQty] = useState('');
  const [lot, setLot] = useState('');
  const [expiry, setExpiry] = useState('');
  const [places, setPlaces] = useState<Partial<Record<Slot, Place>>>({});
  const [target, setTarget] = useState<Slot | null>(null);
  const [reason, setReason] = useState(kind === 'adjust' ? 'Cycle count' : '');
  const [reference, setReference] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const nextSlot = target ?? config.slots.find((slot) => !places[slot]) ?? null;
  const itemInfo = item?.result.item;
  const uom = itemInfo?.uom ?? '';

  function placeSlot(slot: Slot, place: Place) {
    setPlaces((current) => ({ ...current, [slot]: place }));
    setTarget(null);
    setOutcome(null);
  }

  async function onScan(code: string): Promise<ScanOutcome> {
    setError(null);
    let resolved: Awaited<ReturnType<typeof resolveScan>>;
    try {
      resolved = await resolveScan(code);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404)
        return { kind: 'bad', message: `Unknown code: ${code}` };
      if (caught instanceof ApiError || caught instanceof UnknownCode)
        return { kind: 'bad', message: caught.message };
      throw caught;
    }
    const { result } = resolved;
    if ((result.kind === 'item' || result.kind === 'lot') && result.item) {
      // The same label read again (the camera sees it many times) must not undo what was typed.
      if (item && item.raw === code)
        return { kind: 'ok', message: `✓ ${result.item.name} (already scanned)` };
      setItem({ result, raw: code, offline: resolved.offline });
      setOutcome(null);
      if (kind !== 'adjust') setQty(result.gs1?.quantity ?? result.packQty ?? '1');
      else setQty('');
      setLot(result.gs1?.lot ?? result.lot?.code ?? '');
      setExpiry(result.gs1?.expiry ?? result.lot?.expiry ?? '');
      return { kind: 'ok', message: `✓ ${result.item.name} (${result.item.sku})` };
    }
    if (result.kind === 'location' && result.location) {
      if (result.location.kind !== 'store' && result.location.kind !== 'floor') {
        return { kind: 'bad', message: `${result.location.code} is not a place stock can be booked at here` };
      }
      const slot = nextSlot ?? config.slots[config.slots.length - 1]!;
      placeSlot(slot, { code: result.location.code, name: result.location.name });
      return { kind: 'ok', message: `✓ ${config.slotLabels[slot]}: ${result.location.code}` };
    }
    if (result.kind === 'work_order') {
      return { kind: 'bad', message: 'This is a job step code: use Production step' };
    }
    return { kind: 'bad', message: `Not usable here: ${code}` };
  }

  const stockRows = item?.result.stock;
  const checkedPlace = places.from ?? places.location ?? places.to;
  const stockHere =
    stockRows && checkedPlace
      ? totalQty(stockRows.filter((row) => row.location === checkedPlace.code))
      : null;
  const lotTracked = itemInfo?.tracking === 'lot';
  const qtyValid = kind === 'adjust' ? isNonNegativeQty(qty) : isPositiveQty(qty);
  const ready =
    !!itemInfo &&
    qtyValid &&
    config.slots.every((slot) => places[slot]) &&
    (!lotTracked || lot.trim() !== '') &&
    (kind !== 'waste' || reason !== '') &&
    (kind !== 'adjust' || reason.trim() !== '');

  async function confirm() {
    if (!itemInfo || !item || !ready) return;
    setBusy(true);
    setError(null);
    const amount = normalizeQty(qty);
    const lotPart = lot.trim() ? { lot: lot.trim() } : {};
    const common = { type: kind, sku: itemInfo.sku, scan: item.raw, ...lotPart };
    const body: Record<string, unknown> =
      kind === 'receive'
        ? {
            ...common,
            qty: amount,
            to: places.to!.code,
            ...(expiry ? { expiry } : {}),
            ...(reference.trim() ? { reference: reference.trim() } : {}),
          }
        : kind === 'move'
          ? { ...common, qty: amount, from: places.from!.code, to: places.to!.code }
          : kind === 'waste'
            ? { ...common, qty: amount, from: places.from!.code, reason }
            : { ...common, location: places.location!.code, countedQty: amount, reason: reason.trim() };
    const where = places.to?.code ?? places.from?.code ?? places.location!.code;
    const label =
      kind === 'move'
        ? `${config.verb} ${amount} ${uom} ${itemInfo.name} ${places.from!.code} → ${places.to!.code}`
        : `${config.verb} ${amount} ${uom} ${itemInfo.name} at ${where}`;
    try {
      const sent = await submitScan<Movement>({ path: '/api/v1/movements', body, label });
      if (sent.queued) {
        setOutcome({ queued: true, label });
      } else {
        const after = await stockAt(itemInfo.sku, where).catch(() => null);
        setOutcome({
          queued: false,
          label,
          movement: sent.data,
          stockNow: after ? totalQty(after) : null,
          stockAt: where,
        });
      }
      scanFeedback('ok');
      setItem(null);
      setQty('');
      setLot('');
      setExpiry('');
      setReference('');
    } catch (caught) {
      scanFeedback('bad');
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  const prompt = !itemInfo
    ? nextSlot
      ? `Scan the item or the ${config.slotLabels[nextSlot]?.toLowerCase()} location`
      : 'Scan the item'
    : nextSlot
      ? `Scan the location: ${config.slotLabels[nextSlot]}`
      : 'Check and book';

  return (
    <Screen title={config.title} back="/">
      <ScanPanel prompt={prompt} onScan={onScan} />

      {outcome && (
        <div className={`card ${outcome.queued ? 'warn' : 'ok'}`} role="status" data-testid="flow-result">
          {outcome.queued ? (
            <>
              <h2>Saved on this device</h2>
              <p>{outcome.label}</p>
              <p>No connection: it will be sent when the network is back.</p>
            </>
          ) : (
            <>
              <h2>Booked ✓</h2>
              <p>{outcome.label}</p>
              {outcome.stockNow !== null && (
                <p>
                  Stock at {outcome.stockAt} now: <strong className="big-number">{outcome.stockNow}</strong>{' '}
                  {outcome.movement.enteredUom ?? ''}
                </p>
              )}
            </>
          )}
        </div>
      )}

      <div className="slots">
        <button type="button" className={`slot ${itemInfo ? 'filled' : ''}`} onClick={() => setTarget(null)}>
          <span className="label">Item</span>
          <span>{itemInfo ? `${itemInfo.name} · ${itemInfo.sku}` : 'scan'}</span>
        </button>
        {config.slots.map((slot) => (
          <div key={slot} className="slot-row">
            <button
              type="button"
              className={`slot ${places[slot] ? 'filled' : ''} ${nextSlot === slot ? 'next' : ''}`}
              onClick={() => setTarget(slot)}
              aria-label={`${config.slotLabels[slot]}: ${places[slot]?.code ?? 'not set'} (tap, then scan)`}
            >
              <span className="label">{config.slotLabels[slot]}</span>
              <span>{places[slot]?.code ?? (nextSlot === slot ? 'scan next' : 'scan')}</span>
            </button>
            <select
              className="field-input"
              aria-label={`Pick ${config.slotLabels[slot]}`}
              value={places[slot]?.code ?? ''}
              onChange={(e) => {
                const picked = locations.data?.find((l) => l.code === e.target.value);
                if (picked) placeSlot(slot, { code: picked.code, name: picked.name });
              }}
            >
              <option value="">Pick…</option>
              {locations.data?.map((l) => (
                <option key={l.id} value={l.code}>
                  {l.code} — {l.name}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>

      {itemInfo && (
        <section className="card" aria-label="Item" data-testid="item-card">
          <Facts
            rows={[
              ['Item', itemInfo.name],
              ['SKU', itemInfo.sku],
              ['Unit', uom],
              [
                'In stock',
                stockRows ? (
                  <span key="stock" data-testid="stock-total">
                    {totalQty(stockRows)} {uom}
                    {checkedPlace && stockHere !== null ? ` (${stockHere} at ${checkedPlace.code})` : ''}
                  </span>
                ) : (
                  'not known offline'
                ),
              ],
            ]}
          />
        </section>
      )}

      {itemInfo && (
        <>
          <Field label={`${config.qtyLabel} (${uom})`}>
            <input name="qty" inputMode="decimal" value={qty} onChange={(e) => setQty(e.target.value)} />
          </Field>
          {(lotTracked || lot) && (
            <Field label="Lot">
              <input name="lot" value={lot} onChange={(e) => setLot(e.target.value)} list="lots" />
              <datalist id="lots">
                {[...new Set(stockRows?.map((row) => row.lot).filter((l): l is string => !!l))].map((l) => (
                  <option key={l} value={l} />
                ))}
              </datalist>
            </Field>
          )}
          {kind === 'receive' && (lotTracked || expiry) && (
            <Field label="Expiry">
              <input name="expiry" type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} />
            </Field>
          )}
          {kind === 'receive' && (
            <Field label="Reference (optional)" hint="Delivery note or PO number">
              <input name="reference" value={reference} onChange={(e) => setReference(e.target.value)} />
            </Field>
          )}
        </>
      )}
      {kind === 'waste' && (
        <Field label="Reason">
          <select name="reason" value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">Choose…</option>
            {reasons.data?.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {kind === 'adjust' && itemInfo && (
        <Field label="Reason">
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      )}

      {error && (
        <p className="card bad" role="alert">
          {error}
        </p>
      )}
      <div className="spacer" />
      <button
        type="button"
        className="button primary"
        disabled={!ready || busy}
        onClick={() => void confirm()}
      >
        {config.confirmLabel}
      </button>
    </Screen>
  );
}
