// Statistics count per operator by id (busiest operators); erasure keeps the pseudonymous id so
// the figures stay exactly as they were.
import { sql } from 'kysely';
import { definePersonalData, exportRows } from '../privacy/registry.ts';

definePersonalData({
  module: 'stats',
  tables: [
    {
      table: 'stats_user_day',
      purpose: 'Movements and completions per operator per day (derived from the ledger).',
      subject: ['user_id'],
      personal: {},
      retention: 'Kept with the ledger it is derived from.',
      visibleTo: 'managers and viewers (`stats.read`)',
      onErasure: 'kept; the operator id is pseudonymous',
    },
    {
      table: 'stats_prod_hour',
      purpose: 'Production output per work center, step and operator per hour (derived).',
      subject: ['user_id'],
      personal: {},
      notPersonal: { step_name: "the routing step's name" },
      retention: 'Kept with the ledger it is derived from.',
      visibleTo: 'managers and viewers (`stats.read`)',
      onErasure: 'kept; the operator id is pseudonymous',
    },
  ],
  async export(tx, subject) {
    const rows = await sql<Record<string, unknown>>`
      select day, sum(movements)::bigint as movements, sum(completions)::bigint as completions
      from stats_user_day where tenant_id = ${subject.tenantId} and user_id = ${subject.userId}
      group by day order by day`.execute(tx);
    return [
      {
        name: 'daily_activity',
        category: 'usage',
        description: 'How many movements and step completions you booked per day.',
        rows: exportRows(rows.rows),
      },
    ];
  },
});
