// Which policy version each person acknowledged, and who published each version.
import { sql } from 'kysely';
import { definePersonalData, exportRows } from '../privacy/registry.ts';

definePersonalData({
  module: 'privacy-policy',
  tables: [
    {
      table: 'privacy_policy_acknowledgements',
      purpose: 'Which privacy policy versions a person has acknowledged, and when.',
      subject: ['user_id'],
      personal: { acknowledged_at: { category: 'usage', description: 'when they acknowledged it' } },
      retention: 'While the account exists.',
      visibleTo: 'the person; admins',
      onErasure: 'kept with the pseudonymous id (evidence that the policy was shown)',
    },
    {
      table: 'privacy_policies',
      purpose: 'Published privacy policies, every version.',
      subject: ['published_by'],
      personal: {},
      retention: 'Kept for good (append-only).',
      visibleTo: 'everyone, without signing in',
      onErasure: 'kept; the publisher id is pseudonymous',
    },
  ],
  async export(tx, subject) {
    const rows = await sql<Record<string, unknown>>`
      select version, acknowledged_at as "acknowledgedAt" from privacy_policy_acknowledgements
      where tenant_id = ${subject.tenantId} and user_id = ${subject.userId} order by version`.execute(tx);
    return [
      {
        name: 'privacy_policy_acknowledgements',
        category: 'usage',
        description: 'The privacy policy versions you acknowledged.',
        rows: exportRows(rows.rows),
      },
    ];
  },
});
