// Production step: scan a job traveler's step QR, see the order, item and the step's progress,
// then start, pause (with a downtime reason), resume or complete it with good and scrap quantities.
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import type { ScanResult } from '../../api/types.ts';
import { Facts, Field, Screen } from '../../shared/ui.tsx';
import { submitScan } from '../offline/submit.ts';
import { isNonNegativeQty, normalizeQty } from '../quantities.ts';
import { useReasons } from '../reference-data.ts';
import { scanFeedback } from '../scan/feedback.ts';
import { resolveScan, UnknownCode } from '../scan/resolve.ts';
import { type ScanOutcome, ScanPanel } from '../scan/ScanPanel.tsx';

type Action = 'start' | 'pause' | 'resume' | 'complete';

interface ScannedStep {
  raw: string;
  workOrder: NonNullable<ScanResult['workOrder']>;
  step: NonNullable<ScanResult['step']>;
}

export function ProductionFlow() {
  const [scanned, setScanned] = useState<ScannedStep | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [good, setGood] = useState('');
  const [scrap, setScrap] = useState('0');
  const [scrapReason, setScrapReason] = useState('');
  const [pauseReason, setPauseReason] = useState('');
  const [result, setResult] = useState<{ queued: boolean; label: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const downtimeReasons = useReasons('downtime');
  const wasteReasons = useReasons('waste');

  async function onScan(code: string): Promise<ScanOutcome> {
    setError(null);
    try {
      const { result: found } = await resolveScan(code);
      if (found.kind !== 'work_order' || !found.workOrder || !found.step) {
        return { kind: 'bad', message: 'Not a job step: scan the QR of a step on the traveler' };
      }
      setScanned({ raw: code, workOrder: found.workOrder, step: found.step });
      setAction(null);
      setResult(null);
      setGood(found.step.wip !== '0' ? found.step.wip : '');
      return { kind: 'ok', message: `✓ ${found.workOrder.number} step ${found.step.seq} ${found.step.name}` };
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404)
        return { kind: 'bad', message: `Unknown code: ${code}` };
      if (caught instanceof ApiError || caught instanceof UnknownCode)
        return { kind: 'bad', message: caught.message };
      throw caught;
    }
  }

  const ready =
    scanned &&
    action &&
    (action !== 'pause' || pauseReason) &&
    (action !== 'complete' ||
      (isNonNegativeQty(good) && isNonNegativeQty(scrap) && (normalizeQty(scrap) === '0' || scrapReason)));

  async function confirm() {
    if (!scanned || !action || !ready) return;
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { step: scanned.step.seq, action, scan: scanned.raw };
    if (action === 'pause') body.reason = pauseReason;
    if (action === 'complete') {
      body.goodQty = normalizeQty(good);
      body.scrapQty = normalizeQty(scrap);
      if (scrapReason && normalizeQty(scrap) !== '0') body.scrapReason = scrapReason;
    }
    const label = `${scanned.workOrder.number} step ${scanned.step.seq}: ${action}${
      action === 'complete' ? ` ${body.goodQty} good, ${body.scrapQty} scrap` : ''
    }`;
    try {
      const sent = await submitScan({
        path: `/api/v1/work-orders/${scanned.workOrder.id}/events`,
        body,
        label,
      });
      scanFeedback('ok');
      setResult({ queued: sent.queued, label });
      setScanned(null);
      setAction(null);
    } catch (caught) {
      scanFeedback('bad');
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  const actions: Action[] = scanned
    ? scanned.step.status === 'running'
      ? ['pause', 'complete']
      : scanned.step.status === 'paused'
        ? ['resume', 'complete']
        : ['start', 'complete']
    : [];

  return (
    <Screen title="Production step" back="/">
      <ScanPanel prompt="Scan a step QR on the job traveler" onScan={onScan} />
      {result && (
        <div className={`card ${result.queued ? 'warn' : 'ok'}`} role="status" data-testid="flow-result">
          <h2>{result.queued ? 'Saved on this device' : 'Recorded ✓'}</h2>
          <p>{result.label}</p>
        </div>
      )}
      {scanned && (
        <section className="card" data-testid="item-card">
          <Facts
            rows={[
              ['Order', `${scanned.workOrder.number} (${scanned.workOrder.status})`],
              ['Item', `${scanned.workOrder.itemName} · ${scanned.workOrder.sku}`],
              ['Order qty', scanned.workOrder.qty],
              ['Step', `${scanned.step.seq} ${scanned.step.name} @ ${scanned.step.workCenter}`],
              ['Status', scanned.step.status],
              ['Waiting here', scanned.step.wip],
              ['Done so far', `${scanned.step.goodQty} good, ${scanned.step.scrapQty} scrap`],
            ]}
          />
        </section>
      )}
      {scanned && (
        <div className="row">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className="button"
              aria-pressed={action === a}
              onClick={() => setAction(a)}
            >
              {a[0]!.toUpperCase() + a.slice(1)}
            </button>
          ))}
        </div>
      )}
      {action === 'pause' && (
        <Field label="Why paused">
          <select value={pauseReason} onChange={(e) => setPauseReason(e.target.value)}>
            <option value="">Choose…</option>
            {downtimeReasons.data?.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {action === 'complete' && (
        <>
          <Field label="Good">
            <input inputMode="decimal" value={good} onChange={(e) => setGood(e.target.value)} />
          </Field>
          <Field label="Scrap">
            <input inputMode="decimal" value={scrap} onChange={(e) => setScrap(e.target.value)} />
          </Field>
          {isNonNegativeQty(scrap) && normalizeQty(scrap) !== '0' && (
            <Field label="Scrap reason">
              <select value={scrapReason} onChange={(e) => setScrapReason(e.target.value)}>
                <option value="">Choose…</option>
                {wasteReasons.data?.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </>
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
        {action ? `Record ${action}` : 'Choose what to record'}
      </button>
    </Screen>
  );
}
