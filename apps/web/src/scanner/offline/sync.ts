// Sends queued scans in the order they were made, one at a time, when the connection returns (and
// on start, every 30 s while any wait, and on "Sync now"). A refusal (insufficient stock, an unknown
// location…) is kept and shown for the operator to fix or discard — never dropped silently; the
// scans after it still go. No answer, a server error or throttling stops the round: try again later.
import { authorizedFetch } from '../../api/client.ts';
import { isNetworkError, problemOf } from '../../api/problem.ts';
import {
  loadQueue,
  type QueuedScan,
  queueOwner,
  queueSnapshot,
  removeQueued,
  setQueueStatus,
  updateQueued,
} from './queue.ts';

let running: Promise<void> | null = null;

/** Whether a refusal is final for this request (the same request would be refused again). */
function isFinalRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;
}

export async function sendQueued(entry: QueuedScan): Promise<'sent' | 'refused' | 'stopped'> {
  let response: Response;
  try {
    response = await authorizedFetch(
      new Request(entry.path, {
        method: 'POST',
        // X-OpsLedger-Queued-At marks a replay from this queue (live submissions never send it): if
        // the server refuses it, it tells the person who made the scan with a notification, since by
        // now they may be far from this screen.
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': entry.id,
          'X-OpsLedger-Queued-At': entry.createdAt,
        },
        body: JSON.stringify(entry.body),
      }),
    );
  } catch (error) {
    if (isNetworkError(error)) return 'stopped';
    throw error;
  }
  if (response.ok) {
    await removeQueued(entry.id);
    return 'sent';
  }
  if (!isFinalRefusal(response.status)) return 'stopped';
  const problem = await problemOf(response);
  await updateQueued({
    ...entry,
    state: 'refused',
    refusal: { code: problem.code, message: problem.message, status: problem.status },
  });
  return 'refused';
}

export function syncQueue(): Promise<void> {
  running ??= (async () => {
    setQueueStatus({ syncing: true, lastError: null });
    try {
      for (const entry of await loadQueue()) {
        // Someone else's scans wait for them to sign in on this device again.
        if (entry.state !== 'pending' || entry.owner?.userId !== queueOwner()?.userId) continue;
        if ((await sendQueued(entry)) === 'stopped') {
          setQueueStatus({ lastError: 'Could not reach the server; will try again.' });
          break;
        }
      }
    } catch (error) {
      setQueueStatus({ lastError: error instanceof Error ? error.message : String(error) });
    } finally {
      running = null;
      setQueueStatus({ syncing: false });
    }
  })();
  return running;
}

/** Starts syncing on reconnect and periodically while scans wait. Returns a stop function. */
export function startBackgroundSync(): () => void {
  const onOnline = () => void syncQueue();
  window.addEventListener('online', onOnline);
  const timer = window.setInterval(() => {
    if (queueSnapshot().pending > 0 && navigator.onLine) void syncQueue();
  }, 30_000);
  void loadQueue().then(() => {
    if (navigator.onLine) void syncQueue();
  });
  return () => {
    window.removeEventListener('online', onOnline);
    window.clearInterval(timer);
  };
}
