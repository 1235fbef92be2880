// Correction of fields a person cannot change themselves: they ask, an admin approves (and the
// change is applied in the same transaction) or rejects, with a reason either way.
import { type Kysely, sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import { writeProfile } from '../users/profile.ts';
import { findUserByEmail } from '../users/queries.ts';

/**
 * `email` is applied on approval; `other` (anything without its own field yet, e.g. an employment
 * detail) is decided and then applied by the admin by hand. Name and phone are self-service
 * (PATCH /me) and need no request.
 */
export const CORRECTABLE_FIELDS = ['email', 'other'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;

export interface CorrectionView {
  id: string;
  userId: string;
  field: string;
  value: string | null;
  note: string | null;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  createdAt: string;
}

interface CorrectionRow {
  id: string;
  user_id: string;
  field: string;
  value: string | null;
  note: string | null;
  status: CorrectionView['status'];
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  created_at: Date;
}

function toView(r: CorrectionRow): CorrectionView {
  return {
    id: r.id,
    userId: r.user_id,
    field: r.field,
    value: r.value,
    note: r.note,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decisionReason: r.decision_reason,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function checkValue(field: CorrectableField, value: string): string {
  if (field !== 'email') return value;
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL_RE.test(email)) {
    throw problem('invalid_correction_value', 'Give a valid email address.', {
      errors: [{ path: '/value', message: 'must be an email address' }],
    });
  }
  return email;
}

export async function requestCorrection(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: { field: CorrectableField; value: string; note: string },
) {
  const value = checkValue(input.field, input.value);
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const id = newId();
    const rows =
      await sql<CorrectionRow>`insert into correction_requests (tenant_id, id, user_id, field, value, note)
      values (${ctx.tenantId}, ${id}, ${ctx.actor.userId}, ${input.field}, ${value}, ${input.note}) returning *`.execute(
        tx,
      );
    // Field only: the value is personal data and the summary is hashed into the chain.
    await recordAudit(tx, ctx, {
      action: 'privacy.correction_request',
      entity: 'correction_request',
      entityId: id,
      summary: { field: input.field },
    });
    return toView(rows.rows[0]!);
  });
  return result;
}

export async function decideCorrection(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  input: { approve: boolean; reason: string },
) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const found = await sql<CorrectionRow>`select * from correction_requests
      where tenant_id = ${ctx.tenantId} and id = ${id} for update`.execute(tx);
    const request = found.rows[0];
    if (!request) throw problem('correction_not_found');
    if (request.status !== 'pending') throw problem('already_decided');
    let applied = false;
    if (input.approve && request.field === 'email' && request.value) {
      const clash = await findUserByEmail(tx, { tenantId: ctx.tenantId, email: request.value });
      if (clash && clash.id !== request.user_id) throw problem('email_taken');
      const changed = await writeProfile(
        tx,
        { tenantId: ctx.tenantId, userId: request.user_id },
        { email: request.value },
      );
      applied = changed.length > 0;
    }
    const rows = await sql<CorrectionRow>`update correction_requests
      set status = ${input.approve ? 'approved' : 'rejected'}, decided_by = ${ctx.actor.userId}, decided_at = now(),
          decision_reason = ${input.reason}
      where tenant_id = ${ctx.tenantId} and id = ${id} returning *`.execute(tx);
    await recordAudit(tx, ctx, {
      action: input.approve ? 'privacy.correction_approve' : 'privacy.correction_reject',
      entity: 'correction_request',
      entityId: id,
      summary: { userId: request.user_id, field: request.field, applied },
    });
    return toView(rows.rows[0]!);
  });
  return result;
}

export async function listCorrections(
  db: Kysely<DB>,
  ctx: RequestContext,
  q: { all: boolean; status?: string | undefined },
) {
  return withTenant(db, ctx.tenantId, async (tx) => {
    const rows = await sql<CorrectionRow>`select * from correction_requests
      where tenant_id = ${ctx.tenantId}
        and (${q.all} or user_id = ${ctx.actor.userId})
        and (${q.status ?? null}::text is null or status = ${q.status ?? null})
      order by created_at desc limit 500`.execute(tx);
    return rows.rows.map(toView);
  });
}
