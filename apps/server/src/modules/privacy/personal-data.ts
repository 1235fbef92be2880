// What the data-rights features themselves keep: export files, correction requests, legal holds,
// erasure records, and who changed retention policies.
import { sql } from 'kysely';
import { definePersonalData, exportRows } from './registry.ts';

definePersonalData({
  module: 'privacy',
  tables: [
    {
      table: 'export_jobs',
      purpose: 'Requests for a copy of a person’s data, and the ZIP until it is downloaded.',
      subject: ['subject_user_id', 'requested_by'],
      personal: { file: { category: 'usage', description: 'the ZIP with everything about the person' } },
      retention:
        'The file is deleted when downloaded or 24 hours after it was made; the request record after the `exports` period (default 30 days).',
      visibleTo: 'the person who asked for it',
      onErasure: 'deleted',
    },
    {
      table: 'correction_requests',
      purpose: 'Corrections a person asked an admin to make, with the decision.',
      subject: ['user_id', 'decided_by'],
      personal: {
        value: { category: 'identity', description: 'the corrected value they asked for' },
        note: { category: 'usage', description: 'their explanation' },
        decision_reason: { category: 'usage', description: "the admin's reason" },
      },
      retention: 'While the account exists.',
      visibleTo: 'the person; admins (`privacy.corrections`)',
      onErasure: 'value, note and reason removed; the fact of the request stays',
    },
    {
      table: 'legal_holds',
      purpose: 'Legal holds that block erasure, with who set and lifted them and why.',
      subject: ['user_id', 'set_by', 'lifted_by'],
      personal: {},
      retention: 'Kept with the account (the record of why data was preserved).',
      visibleTo: 'admins (`privacy.legal_hold`)',
      onErasure: 'kept (a held person cannot be erased; lifted holds stay as the record)',
    },
    {
      table: 'erasures',
      purpose: 'When and why a person was erased, and what was removed.',
      subject: ['user_id', 'erased_by'],
      personal: {},
      retention: 'Kept for good: proof that the erasure happened.',
      visibleTo: 'admins (`privacy.erase`)',
      onErasure: 'written by the erasure',
    },
    {
      table: 'retention_policies',
      purpose: 'Retention periods per workspace and category.',
      subject: ['updated_by'],
      personal: {},
      retention: 'While the workspace exists.',
      visibleTo: 'admins (`privacy.retention`)',
      onErasure: 'kept; the id is pseudonymous',
    },
  ],
  async export(tx, subject) {
    const corrections = await sql<Record<string, unknown>>`
      select id, field, value, note, status, decided_at as "decidedAt", decision_reason as "decisionReason",
             created_at as "createdAt"
      from correction_requests where tenant_id = ${subject.tenantId} and user_id = ${subject.userId}
      order by created_at`.execute(tx);
    const exports = await sql<Record<string, unknown>>`
      select id, status, created_at as "createdAt", ready_at as "readyAt", downloaded_at as "downloadedAt",
             (requested_by = subject_user_id) as "requestedByYou"
      from export_jobs where tenant_id = ${subject.tenantId} and subject_user_id = ${subject.userId}
      order by created_at`.execute(tx);
    return [
      {
        name: 'correction_requests',
        category: 'identity',
        description: 'Corrections you asked for and how they were decided.',
        rows: exportRows(corrections.rows),
      },
      {
        name: 'data_exports',
        category: 'usage',
        description: 'Copies of your data requested so far (including this one).',
        rows: exportRows(exports.rows),
      },
    ];
  },
  async erase(tx, subject) {
    const exports = await sql`delete from export_jobs
      where tenant_id = ${subject.tenantId}
        and (subject_user_id = ${subject.userId} or requested_by = ${subject.userId})`.execute(tx);
    const corrections =
      await sql`update correction_requests set value = null, note = null, decision_reason = null
      where tenant_id = ${subject.tenantId} and user_id = ${subject.userId}`.execute(tx);
    return {
      export_jobs: Number(exports.numAffectedRows ?? 0),
      correction_requests: Number(corrections.numAffectedRows ?? 0),
    };
  },
});
