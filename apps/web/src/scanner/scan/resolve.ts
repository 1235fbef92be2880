// What a scanned string is: asked of the server (which knows stock and lots), or — when there is
// no connection — of the catalog cached on the device.
import { requestJson } from '../../api/client.ts';
import { isNetworkError } from '../../api/problem.ts';
import type { ScanResult } from '../../api/types.ts';
import { resolveOffline } from './offline-catalog.ts';

export interface Resolved {
  result: ScanResult;
  /** True when recognised from the device's catalog: no stock figures, booked when back online. */
  offline: boolean;
}

export class UnknownCode extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function resolveScan(code: string): Promise<Resolved> {
  try {
    const { data } = await requestJson<ScanResult>('GET', `/api/v1/scan?code=${encodeURIComponent(code)}`);
    return { result: data, offline: false };
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    const result = await resolveOffline(code);
    if (!result)
      throw new UnknownCode(code, 'Offline, and this code is not in the list saved on this device.');
    return { result, offline: true };
  }
}
