// A new workspace gets its data key in the transaction that creates it.
import type { Tx } from '../../db/tenant.ts';
import { keyring } from './keyring.ts';

export async function setupDataKey(tx: Tx, tenantId: string): Promise<void> {
  await keyring().createDataKey(tx, tenantId);
}
