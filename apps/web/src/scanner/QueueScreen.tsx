// Scans waiting on this device: pending ones go by themselves when the network is back ("Sync now"
// forces a try); refused ones wait here until the operator fixes the quantity and retries, or
// discards them.
import { useState } from 'react';
import { Screen } from '../shared/ui.tsx';
import { type QueuedScan, queueOwner, removeQueued, updateQueued } from './offline/queue.ts';
import { syncQueue } from './offline/sync.ts';
import { useQueue } from './offline/use-queue.ts';
import { isPositiveQty, normalizeQty } from './quantities.ts';

function RefusedScan({ entry }: { entry: QueuedScan }) {
  const quantityField = 'qty' in entry.body ? 'qty' : 'countedQty' in entry.body ? 'countedQty' : null;
  const [qty, setQty] = useState(quantityField ? String(entry.body[quantityField]) : '');
  async function retry() {
    const changed =
      quantityField && isPositiveQty(qty) && normalizeQty(qty) !== String(entry.body[quantityField]);
    // A changed request is a new request: it gets a new idempotency key.
    const { refusal: _refusal, ...rest } = entry;
    await updateQueued({
      ...rest,
      ...(changed
        ? { id: crypto.randomUUID(), body: { ...entry.body, [quantityField]: normalizeQty(qty) } }
        : {}),
      state: 'pending',
    });
    if (changed) await removeQueued(entry.id);
    await syncQueue();
  }
  return (
    <li className="card bad" data-testid="refused-scan">
      <h2>Refused: {entry.label}</h2>
      <p>{entry.refusal?.message}</p>
      {quantityField && (
        <label className="field">
          Quantity
          <input inputMode="decimal" value={qty} onChange={(e) => setQty(e.target.value)} />
        </label>
      )}
      <div className="row">
        <button type="button" className="button" onClick={() => void retry()}>
          Retry
        </button>
        <button type="button" className="button danger" onClick={() => void removeQueued(entry.id)}>
          Discard
        </button>
      </div>
    </li>
  );
}

export function QueueScreen() {
  const queue = useQueue();
  return (
    <Screen title="Unsynced scans" back="/">
      <p>
        <strong>{queue.pending}</strong> waiting to send, <strong>{queue.refused}</strong> refused.
      </p>
      {queue.lastError && <p className="card warn">{queue.lastError}</p>}
      <ul className="list">
        {queue.entries.map((entry) =>
          entry.state === 'refused' ? (
            <RefusedScan key={entry.id} entry={entry} />
          ) : (
            <li key={entry.id} className="card" data-testid="pending-scan">
              {entry.label}
              {entry.owner.userId !== queueOwner()?.userId && (
                <>
                  <br />
                  <strong>Made by {entry.owner.name}: sent when they sign in here again.</strong>
                </>
              )}
              <br />
              <small>{new Date(entry.createdAt).toLocaleString()}</small>
            </li>
          ),
        )}
      </ul>
      <div className="spacer" />
      <button
        type="button"
        className="button primary"
        disabled={queue.syncing}
        onClick={() => void syncQueue()}
      >
        {queue.syncing ? 'Sending…' : 'Sync now'}
      </button>
    </Screen>
  );
}
