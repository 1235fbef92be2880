// The stock ledger records who booked each movement (by id) and from which device. The ledger is
// append-only; erasure may blank only the device, so stock, valuation and statistics never move.
import { sql } from 'kysely';
import { definePersonalData, exportRows } from '../privacy/registry.ts';

definePersonalData({
  module: 'stock',
  tables: [
    {
      table: 'movements',
      purpose: 'The stock ledger: every receipt, move, waste, count and production booking.',
      subject: ['created_by'],
      personal: {
        device: { category: 'device', description: 'the device the movement was booked from' },
        created_at: { category: 'usage', description: 'when they booked it' },
        scan_text: { category: 'usage', description: 'the barcode text they scanned' },
      },
      retention: 'Kept 10 years (`ledger`): stock history and valuation depend on it.',
      visibleTo: 'everyone in the workspace who can read movements',
      onErasure: 'device removed; the movement keeps the pseudonymous id',
    },
  ],
  async export(tx, subject) {
    const rows = await sql<Record<string, unknown>>`
      select m.id, m.type, i.sku, m.qty, l.code as lot, f.code as "from", t.code as "to", m.reference, m.reason,
             m.reversal_of as "reversalOf", m.work_order_id as "workOrderId", m.created_at as "createdAt",
             m.device, m.scan_text as "scanText"
      from movements m
      join items i on i.tenant_id = m.tenant_id and i.id = m.item_id
      join locations f on f.tenant_id = m.tenant_id and f.id = m.from_location_id
      join locations t on t.tenant_id = m.tenant_id and t.id = m.to_location_id
      left join lots l on l.tenant_id = m.tenant_id and l.id = m.lot_id
      where m.tenant_id = ${subject.tenantId} and m.created_by = ${subject.userId}
      order by m.created_at, m.id`.execute(tx);
    const all = exportRows(rows.rows);
    return [
      {
        name: 'movements',
        category: 'usage',
        description: 'Every stock movement booked by you.',
        rows: all,
      },
      {
        name: 'scans',
        category: 'usage',
        description: 'The movements you booked by scanning, with the scanned text.',
        rows: all.filter((r) => r.scanText !== null),
      },
    ];
  },
  async erase(tx, subject) {
    const r = await sql`update movements set device = null
      where tenant_id = ${subject.tenantId} and created_by = ${subject.userId} and device is not null`.execute(
      tx,
    );
    return { movements: Number(r.numAffectedRows ?? 0) };
  },
});
