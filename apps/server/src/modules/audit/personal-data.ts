// The audit trail names people only by id. Device and network address sit outside the hashed
// fields, so erasing them leaves the chain verifiable.
import { sql } from 'kysely';
import { definePersonalData, exportRows } from '../privacy/registry.ts';

definePersonalData({
  module: 'audit',
  tables: [
    {
      table: 'audit_events',
      purpose:
        'The tamper-evident record of every change: who (by id), what, when. Summaries never hold contact details or free text.',
      subject: ['actor_id'],
      personal: {
        device: { category: 'device', description: 'the device of the session that made the change' },
        ip: { category: 'device', description: 'network address of the request' },
      },
      retention:
        'Events are kept 10 years (`audit`); device and address are removed after the `request_logs` period (default 30 days).',
      visibleTo: 'admins and managers (`audit.read`)',
      onErasure:
        'device and address removed; the event keeps the pseudonymous id, so the chain still verifies',
    },
  ],
  async export(tx, subject) {
    const mine = await sql<Record<string, unknown>>`
      select id, at, action, entity, entity_id as "entityId", summary, request_id as "requestId", device, ip
      from audit_events where tenant_id = ${subject.tenantId} and actor_id = ${subject.userId}
      order by seq`.execute(tx);
    // Changes others made to this person's account; who made them is another person's data.
    const about = await sql<Record<string, unknown>>`
      select id, at, actor_kind as "actorKind", action, entity, entity_id as "entityId", summary
      from audit_events where tenant_id = ${subject.tenantId} and entity = 'user' and entity_id = ${subject.userId}
        and actor_id is distinct from ${subject.userId}
      order by seq`.execute(tx);
    return [
      {
        name: 'audit_events_by_you',
        category: 'usage',
        description: 'Every audited change you made, with its device and network address.',
        rows: exportRows(mine.rows),
      },
      {
        name: 'audit_events_about_you',
        category: 'usage',
        description: 'Changes others made to your account (who made them is left out).',
        rows: exportRows(about.rows),
      },
    ];
  },
  async erase(tx, subject) {
    const r = await sql`update audit_events set device = null, ip = null
      where tenant_id = ${subject.tenantId} and actor_id = ${subject.userId}
        and (device is not null or ip is not null)`.execute(tx);
    return { audit_events: Number(r.numAffectedRows ?? 0) };
  },
});
