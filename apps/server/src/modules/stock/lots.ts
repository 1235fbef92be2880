// Lots arrive with receipts and opening stock: the first booking of a lot code creates it, and its
// expiry is recorded once, from the first booking that knows it.
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Tx } from '../../db/tenant.ts';

export async function upsertLot(
  tx: Tx,
  a: { tenantId: string; itemId: string; code: string; expiry: string | null | undefined },
): Promise<{ id: string; code: string }> {
  const r = await sql<{ id: string; code: string }>`
    insert into lots (tenant_id, id, item_id, code, expiry) values (${a.tenantId}, ${newId()}, ${a.itemId}, ${a.code}, ${a.expiry ?? null})
    on conflict (tenant_id, item_id, code) do update set expiry = coalesce(lots.expiry, excluded.expiry)
    returning id, code`.execute(tx);
  return r.rows[0]!;
}
