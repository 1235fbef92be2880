// Scans waiting to reach the server, kept in IndexedDB so they survive a reload, a dead battery or a
// closed app. Each carries the Idempotency-Key it was first sent with: however often it is retried,
// the server books it once. Screens subscribe to a snapshot (count of pending and refused scans).
import { localDb } from '../../shared/local-db.ts';

export interface QueuedScan {
  /** Also the Idempotency-Key. */
  id: string;
  path: string;
  body: Record<string, unknown>;
  /** What it is, for the operator: "Waste 2 kg Flour from FLOOR-1". */
  label: string;
  createdAt: string;
  /** Who made the scan: only they may send it (a booking is attributed to whoever sends it). */
  owner: { userId: string; name: string };
  /** Sync order: the order the scans were made in. */
  seq: number;
  state: 'pending' | 'refused';
  /** Why the server refused it, for the operator to fix or discard. */
  refusal?: { code: string; message: string; status: number };
}

export interface QueueSnapshot {
  entries: QueuedScan[];
  pending: number;
  refused: number;
  syncing: boolean;
  lastError: string | null;
}

let snapshot: QueueSnapshot = { entries: [], pending: 0, refused: 0, syncing: false, lastError: null };
const listeners = new Set<() => void>();

export function subscribeQueue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function queueSnapshot(): QueueSnapshot {
  return snapshot;
}

export function setQueueStatus(status: Partial<Pick<QueueSnapshot, 'syncing' | 'lastError'>>): void {
  snapshot = { ...snapshot, ...status };
  for (const listener of listeners) listener();
}

export async function loadQueue(): Promise<QueuedScan[]> {
  const entries = (await localDb.getAll<QueuedScan>('queue').catch(() => [])).sort((a, b) => a.seq - b.seq);
  snapshot = {
    ...snapshot,
    entries,
    pending: entries.filter((e) => e.state === 'pending').length,
    refused: entries.filter((e) => e.state === 'refused').length,
  };
  for (const listener of listeners) listener();
  return entries;
}

let currentOwner: QueuedScan['owner'] | null = null;

/** The signed-in person: new scans are theirs, and only theirs are sent. */
export function setQueueOwner(owner: QueuedScan['owner'] | null): void {
  currentOwner = owner;
}

export function queueOwner(): QueuedScan['owner'] | null {
  return currentOwner;
}

export async function enqueue(
  entry: Omit<QueuedScan, 'createdAt' | 'seq' | 'state' | 'owner'>,
): Promise<void> {
  if (!currentOwner) throw new Error('No one is signed in');
  const now = Date.now();
  const last = snapshot.entries.at(-1)?.seq ?? 0;
  await localDb.put('queue', {
    ...entry,
    owner: currentOwner,
    createdAt: new Date(now).toISOString(),
    seq: Math.max(now, last + 1),
    state: 'pending',
  });
  await loadQueue();
}

export async function updateQueued(entry: QueuedScan): Promise<void> {
  await localDb.put('queue', entry);
  await loadQueue();
}

export async function removeQueued(id: string): Promise<void> {
  await localDb.delete('queue', id);
  await loadQueue();
}

/** After sign-out the database is gone; the in-memory snapshot must follow. */
export function forgetQueue(): void {
  snapshot = { entries: [], pending: 0, refused: 0, syncing: false, lastError: null };
  for (const listener of listeners) listener();
}
