// Lists the flows pick from (locations, waste and downtime reasons). Read from the server and kept
// on the device, so the pickers still work offline.
import { useQuery } from '@tanstack/react-query';
import { requestJson } from '../api/client.ts';
import { isNetworkError } from '../api/problem.ts';
import type { Location, Reason } from '../api/types.ts';
import { localDb } from '../shared/local-db.ts';

async function cachedList<T>(key: string, path: string): Promise<T[]> {
  try {
    const { data } = await requestJson<{ data: T[] }>('GET', path);
    await localDb.put('catalog', data.data, key);
    return data.data;
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    return (await localDb.get<T[]>('catalog', key)) ?? [];
  }
}

/** Read once after sign-in, so the pickers have their lists even if the connection drops first. */
export async function preloadReferenceData(): Promise<void> {
  await Promise.allSettled([
    cachedList<Location>('locations-list', '/api/v1/locations'),
    cachedList<Reason>('waste-reasons', '/api/v1/waste-reasons'),
    cachedList<Reason>('downtime-reasons', '/api/v1/downtime-reasons'),
  ]);
}

export function useLocations() {
  return useQuery({
    queryKey: ['locations'],
    queryFn: () => cachedList<Location>('locations-list', '/api/v1/locations'),
    select: (rows) => rows.filter((l) => !l.virtual && l.active),
    networkMode: 'always',
    staleTime: 60_000,
  });
}

export function useReasons(kind: 'waste' | 'downtime', enabled = true) {
  return useQuery({
    queryKey: ['reasons', kind],
    queryFn: () => cachedList<Reason>(`${kind}-reasons`, `/api/v1/${kind}-reasons`),
    select: (rows) => rows.filter((r) => r.active),
    networkMode: 'always',
    staleTime: 60_000,
    enabled,
  });
}

export async function stockAt(sku: string, location?: string) {
  const query = new URLSearchParams({ sku, ...(location ? { location } : {}) });
  const { data } = await requestJson<{
    data: { qty: string; location: string; lot: string | null; uom: string }[];
  }>('GET', `/api/v1/stock?${query}`);
  return data.data;
}
