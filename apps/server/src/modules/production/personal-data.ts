// Production step events record who scanned each step (by id) and from which device; work orders,
// BOMs and routings record who created them. Beyond the ids, the device is personal, and so is the
// free-text reason a work order was cancelled with (it may name someone: "Anna off sick"). Who
// cancelled an order is the actor of its `work_order.cancel` audit event, whose hashed summary
// records only whether a reason was given.
import { sql } from 'kysely';
import { declareNotPersonal, definePersonalData, exportRows, type Subject } from '../privacy/registry.ts';

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
      purpose:
        'Work orders, with who created them and, once cancelled, the reason given (who cancelled is the actor of the cancelling audit event).',
      subject: ['created_by'],
      personal: {
        cancel_reason: {
          category: 'usage',
          description: 'why they cancelled the order, as they typed it (free text; may name people)',
        },
      },
      retention: 'Kept 10 years (`ledger`).',
      visibleTo: 'everyone who can read work orders',
      onErasure:
        'kept; the creator id is pseudonymous. The cancel reason is removed from the orders they cancelled, and their name in the cancel reasons of other orders is replaced by the pseudonym',
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
    const cancelled = await sql<Record<string, unknown>>`
      select id, number, cancelled_at as "cancelledAt", cancel_reason as "cancelReason"
      from work_orders
      where tenant_id = ${subject.tenantId} and id::text in (${cancelledBy(subject)})
      order by cancelled_at, id`.execute(tx);
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
      {
        name: 'work_orders_cancelled',
        category: 'usage',
        description: 'Work orders you cancelled, with the reason you gave.',
        rows: exportRows(cancelled.rows),
      },
    ];
  },
  async erase(tx, subject) {
    const r = await sql`update work_order_events set device = null
      where tenant_id = ${subject.tenantId} and created_by = ${subject.userId} and device is not null`.execute(
      tx,
    );
    // The reasons they typed go; the fact and time of the cancellation stay with the order.
    const reasons = await sql`update work_orders set cancel_reason = null
      where tenant_id = ${subject.tenantId} and cancel_reason is not null
        and id::text in (${cancelledBy(subject)})`.execute(tx);
    // Reasons others gave may name them ("Zofia off sick"): the name becomes the pseudonym there,
    // as in notifications, still within the column's 200 characters.
    const mentions = await sql`update work_orders
      set cancel_reason = nullif(btrim(left(replace(cancel_reason, ${subject.name}, ${subject.pseudonym}), 200)), '')
      where tenant_id = ${subject.tenantId} and ${subject.name}::text <> ''
        and strpos(cancel_reason, ${subject.name}) > 0`.execute(tx);
    return {
      work_order_events: Number(r.numAffectedRows ?? 0),
      work_orders: Number(reasons.numAffectedRows ?? 0),
      work_orders_mentions: Number(mentions.numAffectedRows ?? 0),
    };
  },
});

/** Ids (as text) of the work orders the subject cancelled: the actors of their cancelling audit events. */
function cancelledBy(subject: Subject) {
  return sql`select entity_id from audit_events
    where tenant_id = ${subject.tenantId} and actor_id = ${subject.userId}
      and action = 'work_order.cancel' and entity = 'work_order'`;
}

declareNotPersonal('production', 'work_centers', { name: "the work center's name" });
declareNotPersonal('production', 'routing_steps', { name: "the step's name" });
declareNotPersonal('production', 'work_order_steps', { name: "the step's name" });
declareNotPersonal('production', 'downtime_reasons', { name: 'the downtime reason' });
declareNotPersonal('production', 'counters', { name: 'which sequence the counter numbers' });
