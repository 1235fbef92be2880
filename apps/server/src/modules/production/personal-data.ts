// Production step events record who scanned each step (by id) and from which device; work orders,
// BOMs and routings record who created them. Only the device is personal beyond the id.
import { sql } from 'kysely';
import { declareNotPersonal, definePersonalData, exportRows } from '../privacy/registry.ts';

definePersonalData({
  module: 'production',
  tables: [
    {
      table: 'work_order_events',
      purpose: 'Every step scan on a work order: start, pause, resume, complete, correct.',
      subject: ['created_by'],
      personal: {
        device: { category: 'device', description: 'the device the step was scanned from' },
        created_at: { category: 'usage', description: 'when they scanned it' },
        scan_text: { category: 'usage', description: 'the traveler QR text they scanned' },
      },
      notPersonal: { note: 'a remark about the work (part of the production record)' },
      retention: 'Kept 10 years (`ledger`) with the production record.',
      visibleTo: 'everyone who can read work orders',
      onErasure: 'device removed; the event keeps the pseudonymous id',
    },
    {
      table: 'work_orders',
      purpose: 'Work orders.',
      subject: ['created_by'],
      personal: {},
      retention: 'Kept 10 years (`ledger`).',
      visibleTo: 'everyone who can read work orders',
      onErasure: 'kept; the creator id is pseudonymous',
    },
    {
      table: 'boms',
      purpose: 'Bills of materials.',
      subject: ['created_by'],
      personal: {},
      retention: 'Kept while the item exists.',
      visibleTo: 'everyone who can read production',
      onErasure: 'kept; the creator id is pseudonymous',
    },
    {
      table: 'routings',
      purpose: 'Routings (steps per item).',
      subject: ['created_by'],
      personal: {},
      retention: 'Kept while the item exists.',
      visibleTo: 'everyone who can read production',
      onErasure: 'kept; the creator id is pseudonymous',
    },
  ],
  async export(tx, subject) {
    const events = await sql<Record<string, unknown>>`
      select e.id, w.number as "workOrder", e.seq as step, e.action, e.good_qty as "goodQty", e.scrap_qty as "scrapQty",
             e.scrap_reason as "scrapReason", e.downtime_reason as "downtimeReason", e.corrects, e.note,
             e.created_at as "createdAt", e.device, e.scan_text as "scanText"
      from work_order_events e join work_orders w on w.tenant_id = e.tenant_id and w.id = e.work_order_id
      where e.tenant_id = ${subject.tenantId} and e.created_by = ${subject.userId}
      order by e.created_at, e.id`.execute(tx);
    const orders = await sql<Record<string, unknown>>`
      select id, number, status, created_at as "createdAt"
      from work_orders where tenant_id = ${subject.tenantId} and created_by = ${subject.userId}
      order by created_at`.execute(tx);
    return [
      {
        name: 'production_step_events',
        category: 'usage',
        description: 'Every production step you started, paused, resumed, completed or corrected.',
        rows: exportRows(events.rows),
      },
      {
        name: 'work_orders_created',
        category: 'usage',
        description: 'Work orders you created.',
        rows: exportRows(orders.rows),
      },
    ];
  },
  async erase(tx, subject) {
    const r = await sql`update work_order_events set device = null
      where tenant_id = ${subject.tenantId} and created_by = ${subject.userId} and device is not null`.execute(
      tx,
    );
    return { work_order_events: Number(r.numAffectedRows ?? 0) };
  },
});

declareNotPersonal('production', 'work_centers', { name: "the work center's name" });
declareNotPersonal('production', 'routing_steps', { name: "the step's name" });
declareNotPersonal('production', 'work_order_steps', { name: "the step's name" });
declareNotPersonal('production', 'downtime_reasons', { name: 'the downtime reason' });
declareNotPersonal('production', 'counters', { name: 'which sequence the counter numbers' });
