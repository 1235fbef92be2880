// Stored answers to idempotent requests: a replay returns the same body, which may name people.
import { sql } from 'kysely';
import { definePersonalData, exportRows } from '../privacy/registry.ts';

definePersonalData({
  module: 'system',
  tables: [
    {
      table: 'idempotency_keys',
      purpose: 'The answer to each create sent with an Idempotency-Key, so a retried scan never books twice.',
      subject: ['user_id'],
      personal: {
        response_body: {
          category: 'usage',
          description: 'the stored answer, which may name the people it created',
        },
      },
      retention:
        'Deleted after the `idempotency_keys` period (default 30 days; scanners may sync after days offline).',
      visibleTo: 'nobody directly; replayed only to the same request',
      onErasure: 'deleted when sent by the person or when the stored answer contains their id or email',
    },
  ],
  async export(tx, subject) {
    const rows = await sql<Record<string, unknown>>`
      select key, response_status as "responseStatus", created_at as "createdAt"
      from idempotency_keys where tenant_id = ${subject.tenantId} and user_id = ${subject.userId}
      order by created_at`.execute(tx);
    return [
      {
        name: 'idempotent_requests',
        category: 'usage',
        description:
          'The requests you sent with an Idempotency-Key (the stored answers are in the other files).',
        rows: exportRows(rows.rows),
      },
    ];
  },
  async erase(tx, subject) {
    const r = await sql`delete from idempotency_keys
      where tenant_id = ${subject.tenantId}
        and (user_id = ${subject.userId}
             or strpos(response_body::text, ${subject.userId}) > 0
             or strpos(lower(response_body::text), ${subject.email.toLowerCase()}) > 0)`.execute(tx);
    return { idempotency_keys: Number(r.numAffectedRows ?? 0) };
  },
});
