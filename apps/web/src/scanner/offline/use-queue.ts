import { useSyncExternalStore } from 'react';
import { type QueueSnapshot, queueSnapshot, subscribeQueue } from './queue.ts';

export function useQueue(): QueueSnapshot {
  return useSyncExternalStore(subscribeQueue, queueSnapshot);
}
